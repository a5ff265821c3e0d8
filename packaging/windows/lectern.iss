; Inno Setup 6 script: dist\Lectern-<version>-setup.exe from the one-folder build dist\Lectern\
; (packaging\windows\lectern-windows.spec). Compile from the repository root:
;   iscc packaging\windows\lectern.iss
; Installs for the current user without administrator rights (or for everyone, if the user
; chooses so), adds a Start menu entry, and offers Lectern under "Open with" for PDF files
; without taking over the default PDF viewer.

#define RepoDir AddBackslash(SourcePath) + "..\.."
#define BundleDir RepoDir + "\dist\Lectern"
#ifndef AppVersion
  #define AppVersion GetStringFileInfo(BundleDir + "\Lectern.exe", "ProductVersion")
#endif
#define ProgId "Lectern.PDF"

[Setup]
AppId={{D74B8E1E-CD08-4B6D-9905-ECCB7C620C5D}
AppName=Lectern
AppVersion={#AppVersion}
AppVerName=Lectern {#AppVersion}
AppPublisher=The Lectern developers
DefaultDirName={autopf}\Lectern
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
SetupIconFile={#RepoDir}\build\windows\lectern.ico
UninstallDisplayIcon={app}\Lectern.exe
OutputDir={#RepoDir}\dist
OutputBaseFilename=Lectern-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Lectern"; Filename: "{app}\Lectern.exe"
Name: "{autodesktop}\Lectern"; Filename: "{app}\Lectern.exe"; Tasks: desktopicon

[Registry]
; HKA is HKCU\Software\Classes for a per-user install, HKLM\Software\Classes for everyone.
; A ProgID for PDFs opened by Lectern...
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "PDF document"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\Lectern.exe"",0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\Lectern.exe"" ""%1"""
; ...listed among the handlers of .pdf ("Open with"), not made the default.
Root: HKA; Subkey: "Software\Classes\.pdf\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
; The application's own registration, so "Open with > Choose another app" lists it by name.
Root: HKA; Subkey: "Software\Classes\Applications\Lectern.exe"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "Lectern"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\Lectern.exe\SupportedTypes"; ValueType: string; ValueName: ".pdf"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\Lectern.exe\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\Lectern.exe"" ""%1"""

[Run]
Filename: "{app}\Lectern.exe"; Description: "{cm:LaunchProgram,Lectern}"; Flags: nowait postinstall skipifsilent
