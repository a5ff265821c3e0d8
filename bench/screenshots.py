"""Screenshots of Lectern's window: empty library → import → search → preview → details.

    xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python bench/screenshots.py [--out DIR]
    .venv/bin/python bench/screenshots.py            # without DISPLAY: offscreen rendering

Builds a demo library from generated PDFs (30 papers with realistic titles, authors and
abstracts across nested topic tags), drives the real window through the steps a new user
takes, and writes one PNG per step to bench/out/ (or DIR). Settings go to a temporary file.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from _common import REPO

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop, QItemSelectionModel, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from app.editing import set_note, set_status, update_fields
from app.library import Library
from tests.pdfgen import make_pdf

OUT = REPO / "bench" / "out"


@dataclass(frozen=True)
class DemoPaper:
    """One paper of the demo library."""

    title: str
    authors: tuple[str, ...]
    year: int
    venue: str
    tag: str
    abstract: str


TOPIC_SENTENCES = {
    "theory/kernels": [
        "In the infinite width limit the neural tangent kernel stays constant during training.",
        "Kernel regression with the limiting kernel predicts the behaviour of wide networks.",
        "We bound the eigenvalue decay of the kernel for relu networks on the sphere.",
        "Random features approximate the kernel with error decaying as one over the width.",
        "The lazy training regime explains why overparameterized networks fit their data.",
    ],
    "theory/generalization": [
        "Uniform convergence bounds fail to explain generalization of deep networks.",
        "Our margin-based bound scales with the spectral norms of the weight matrices.",
        "Benign overfitting occurs when the noise is absorbed by many small directions.",
        "Double descent appears as the number of parameters crosses the interpolation point.",
        "PAC-Bayes bounds become non-vacuous once the posterior is optimized directly.",
    ],
    "robustness": [
        "Adversarial examples fool classifiers with perturbations invisible to people.",
        "Randomized smoothing yields certified robustness radii in the l2 norm.",
        "Adversarial training with projected gradient descent remains a strong baseline.",
        "Robust accuracy drops sharply under distribution shift and common corruptions.",
        "Lipschitz constraints on relu networks give provable robustness certificates.",
    ],
    "optimization/sgd": [
        "Stochastic gradient descent converges at rate one over square root of the steps.",
        "A decaying step size schedule is needed for convergence in the non-convex case.",
        "Gradient noise acts as implicit regularization towards flat minima.",
        "Large batch training requires warmup and a linear scaling of the learning rate.",
        "Momentum accelerates convergence on ill-conditioned quadratic objectives.",
    ],
    "optimization/adaptive": [
        "Adaptive methods rescale each coordinate by a running estimate of its variance.",
        "Adam may fail to converge without a decreasing bound on the effective step size.",
        "Decoupled weight decay restores the regularization lost by adaptive rescaling.",
        "Second-order preconditioners approximate the curvature with Kronecker factors.",
        "Learning rate warmup stabilises adaptive optimizers early in training.",
    ],
    "bandits": [
        "Thompson sampling achieves logarithmic regret for Bernoulli multi-armed bandits.",
        "Upper confidence bounds balance exploration against exploitation optimistically.",
        "Contextual bandits with linear rewards admit regret of order d times square root T.",
        "Best-arm identification needs a number of samples set by the gaps between arms.",
        "Neural bandits use the neural tangent kernel to build confidence sets.",
    ],
}
COMMON_SENTENCES = [
    "The experiments use standard benchmarks and report the mean over five seeds.",
    "Related work is discussed at length in the final section of the paper.",
    "Proofs of all lemmas are deferred to the appendix.",
    "We release code and trained models to make the results easy to reproduce.",
    "Section 4 states the assumptions and Section 5 the main theorem.",
    "Table 2 compares our method with the strongest published baselines.",
]

PAPERS = [
    DemoPaper(
        "Neural Tangent Kernel Dynamics of Infinitely Wide Networks",
        ("Amira Haddad", "Lukas Brenner", "Sofia Marchetti"),
        2019,
        "NeurIPS",
        "theory/kernels",
        "We show that gradient descent on infinitely wide networks follows the dynamics "
        "of a fixed kernel, and characterise that kernel for relu networks.",
    ),
    DemoPaper(
        "Spectral Bias of ReLU Networks through the Kernel Lens",
        ("Chen Wei", "Priya Raman"),
        2020,
        "ICML",
        "theory/kernels",
        "The eigenfunctions of the limiting kernel explain why relu networks learn low "
        "frequencies first; we quantify the decay of its spectrum.",
    ),
    DemoPaper(
        "Random Features Meet Wide Networks",
        ("Jonas Keller", "Maria Lopez"),
        2021,
        "COLT",
        "theory/kernels",
        "Random feature models match wide networks up to an error that vanishes with "
        "the width, which we bound non-asymptotically.",
    ),
    DemoPaper(
        "When Does Lazy Training Fail?",
        ("Hannah Schulz", "Omar Farouk"),
        2022,
        "ICLR",
        "theory/kernels",
        "We identify regimes where networks move far from their initialisation and "
        "kernel predictions break down.",
    ),
    DemoPaper(
        "Kernel Ridge Regression for Deep ReLU Networks",
        ("Elena Petrova", "Daniel Okafor", "Yuki Tanaka"),
        2023,
        "JMLR",
        "theory/kernels",
        "Closed-form kernels for deep relu networks make exact ridge regression "
        "feasible and competitive on small data sets.",
    ),
    DemoPaper(
        "Rethinking Generalization Bounds for Overparameterized Models",
        ("Isabel Moreau", "Tomás Novak"),
        2018,
        "ICLR",
        "theory/generalization",
        "Uniform convergence cannot explain generalization in deep learning; we "
        "propose bounds that depend on the algorithm.",
    ),
    DemoPaper(
        "Spectrally-Normalized Margin Bounds Revisited",
        ("Kwame Mensah", "Laura Fischer"),
        2019,
        "COLT",
        "theory/generalization",
        "A margin bound scaled by spectral norms tracks the test error of relu networks "
        "across architectures and data sets.",
    ),
    DemoPaper(
        "Benign Overfitting in Linear and Kernel Regression",
        ("Rafael Costa", "Anna Lindqvist"),
        2020,
        "PNAS",
        "theory/generalization",
        "Interpolating noisy data can still generalize when the covariance has many "
        "small eigenvalues that absorb the noise.",
    ),
    DemoPaper(
        "Double Descent Demystified",
        ("Sara Kowalski", "Ben Adler"),
        2021,
        "NeurIPS",
        "theory/generalization",
        "The test error peaks at the interpolation threshold and falls again; we "
        "explain both descents with a random features model.",
    ),
    DemoPaper(
        "Non-Vacuous PAC-Bayes Bounds for ReLU Networks",
        ("Mei Lin", "Ahmed Nasser", "Julia Berg"),
        2022,
        "AISTATS",
        "theory/generalization",
        "Optimising the posterior directly yields PAC-Bayes bounds below one for relu "
        "networks trained on image benchmarks.",
    ),
    DemoPaper(
        "Certified Robustness via Randomized Smoothing at Scale",
        ("Victor Huang", "Nadia Rahman"),
        2019,
        "ICML",
        "robustness",
        "Gaussian smoothing turns any classifier into one with a certified l2 radius; "
        "we scale the certificate to large images.",
    ),
    DemoPaper(
        "Towards Deep Models Resistant to Adversarial Attacks, Revisited",
        ("Felix Wagner", "Chiara Rossi"),
        2020,
        "ICLR",
        "robustness",
        "Projected gradient descent adversarial training remains hard to beat when "
        "evaluated with adaptive attacks.",
    ),
    DemoPaper(
        "Lipschitz Margins for Provably Robust ReLU Networks",
        ("Ines Duarte", "Pavel Sokolov"),
        2021,
        "NeurIPS",
        "robustness",
        "Bounding the Lipschitz constant of relu networks gives margins that certify "
        "robustness without randomization.",
    ),
    DemoPaper(
        "Robustness under Natural Distribution Shift",
        ("Grace Okonkwo", "Martin Weber", "Lea Hoffmann"),
        2021,
        "CVPR",
        "robustness",
        "Models robust to adversarial perturbations are not robust to natural shifts; "
        "we measure both on eleven benchmarks.",
    ),
    DemoPaper(
        "Adversarial Examples Are Features, Not Bugs, in Kernel Machines",
        ("Tariq Aziz", "Emma Johansson"),
        2022,
        "ICML",
        "robustness",
        "Non-robust features are predictive in kernel machines too, linking adversarial "
        "vulnerability to the kernel's spectrum.",
    ),
    DemoPaper(
        "On the Convergence of Stochastic Gradient Descent with Decaying Steps",
        ("Nikolai Ivanov", "Rosa Jimenez"),
        2018,
        "SIAM J. Optim.",
        "optimization/sgd",
        "We prove convergence of stochastic gradient descent for non-convex objectives "
        "under a decaying step size schedule.",
    ),
    DemoPaper(
        "Implicit Regularization of SGD towards Flat Minima",
        ("Aiko Yamamoto", "Peter Novak"),
        2020,
        "ICML",
        "optimization/sgd",
        "Gradient noise steers stochastic gradient descent to flat regions of the loss, "
        "which we relate to generalization.",
    ),
    DemoPaper(
        "Large Batch Training without Generalization Gap",
        ("Lucas Martin", "Zeynep Kaya"),
        2019,
        "ICLR",
        "optimization/sgd",
        "Warmup and linear learning rate scaling close the gap between small and large "
        "batch training of relu networks.",
    ),
    DemoPaper(
        "Momentum Provably Accelerates Non-Convex Optimization",
        ("Helga Stein", "Samuel Ortiz"),
        2022,
        "COLT",
        "optimization/sgd",
        "Heavy-ball momentum accelerates escape from saddle points and converges faster "
        "on ill-conditioned problems.",
    ),
    DemoPaper(
        "On the Convergence of Adam and Beyond, Revisited",
        ("Diego Alvarez", "Min-jun Park"),
        2019,
        "ICLR",
        "optimization/adaptive",
        "Adam can diverge on simple convex problems; a bound on the effective step size "
        "restores convergence.",
    ),
    DemoPaper(
        "Decoupled Weight Decay for Adaptive Optimizers",
        ("Olga Smirnova", "Henrik Dahl"),
        2019,
        "ICLR",
        "optimization/adaptive",
        "Decoupling weight decay from the adaptive update recovers the regularization "
        "that L2 penalties lose under rescaling.",
    ),
    DemoPaper(
        "Kronecker-Factored Curvature for Fast Second-Order Training",
        ("Wen Zhou", "Claire Dubois", "Arjun Mehta"),
        2021,
        "NeurIPS",
        "optimization/adaptive",
        "Kronecker-factored approximations of the curvature give second-order updates at "
        "a small multiple of the cost of SGD.",
    ),
    DemoPaper(
        "Why Warmup Stabilises Adaptive Methods",
        ("Fatima Zahra", "Jakob Meier"),
        2023,
        "ICML",
        "optimization/adaptive",
        "Early variance of the adaptive learning rate explains the instability that "
        "warmup removes.",
    ),
    DemoPaper(
        "Thompson Sampling for Bernoulli Bandits: A Finite-Time Analysis",
        ("Lorenzo Bianchi", "Astrid Nilsson"),
        2018,
        "ALT",
        "bandits",
        "Thompson sampling attains the optimal logarithmic regret for Bernoulli "
        "multi-armed bandits with explicit constants.",
    ),
    DemoPaper(
        "Neural Contextual Bandits with UCB Exploration",
        ("Kenji Sato", "Miriam Cohen"),
        2020,
        "ICML",
        "bandits",
        "Confidence sets built from the neural tangent kernel give a neural UCB "
        "algorithm with near-optimal regret.",
    ),
    DemoPaper(
        "Best-Arm Identification with Fixed Confidence",
        ("Paula Reyes", "Stefan Braun"),
        2021,
        "COLT",
        "bandits",
        "Matching upper and lower bounds on the sample complexity of identifying the "
        "best arm with fixed confidence.",
    ),
    DemoPaper(
        "Linear Contextual Bandits in High Dimension",
        ("Youssef Amrani", "Kate Morgan"),
        2022,
        "JMLR",
        "bandits",
        "Sparsity lets linear contextual bandits achieve regret that depends on the "
        "number of relevant features only.",
    ),
    DemoPaper(
        "Scaling Laws for Wide Networks and Their Kernels",
        ("Irene Vogel", "Chen Wei"),
        2023,
        "arXiv",
        "theory/kernels",
        "Test loss follows a power law in width and data whose exponent the limiting "
        "kernel's spectrum predicts.",
    ),
]
STATUSES = {
    0: "reading",
    1: "to_read",
    5: "read",
    10: "to_read",
    15: "read",
    19: "reading",
    24: "to_read",
}


def page_texts(paper: DemoPaper, rng: random.Random) -> list[str]:
    """Four pages: abstract and introduction, then topic prose mixed with common prose."""
    topic = TOPIC_SENTENCES[paper.tag]
    pages = [f"Abstract. {paper.abstract} " + " ".join(rng.sample(topic, 3) * 2)]
    for _ in range(3):
        sentences = rng.sample(topic, 4) + rng.sample(COMMON_SENTENCES, 3)
        rng.shuffle(sentences)
        pages.append(" ".join(sentences * 3))
    return pages


def write_demo_pdfs(folder: Path) -> dict[str, list[Path]]:
    """The demo papers as PDFs, grouped by tag."""
    rng = random.Random(7)
    grouped: dict[str, list[Path]] = {}
    for number, paper in enumerate(PAPERS):
        name = f"{number:02d}-{paper.title.lower().replace(' ', '-')[:40]}.pdf"
        path = make_pdf(
            folder / paper.tag.replace("/", "-") / name,
            page_texts(paper, rng),
            title=paper.title,
            authors=list(paper.authors),
        )
        grouped.setdefault(paper.tag, []).append(path)
    return grouped


def finish_demo_metadata(library: Library) -> None:
    """Years, venues, reading statuses and a note, as a user would have set them."""
    by_title = {paper.title: paper.id for paper in library.papers()}
    for number, demo in enumerate(PAPERS):
        paper_id = by_title.get(demo.title)
        if paper_id is None:
            continue
        update_fields(library, paper_id, year=demo.year, venue=demo.venue)
        if number in STATUSES:
            set_status(library, [paper_id], STATUSES[number], priority=len(STATUSES) - number)
    first = by_title.get(PAPERS[0].title)
    if first is not None:
        set_note(
            library,
            first,
            "Compare the kernel bound with Lemma 3 of the spectral-bias "
            "paper.\nCheck whether the constant depends on depth.",
        )


# driving the window ---------------------------------------------------------------------


def wait_until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    """Run the event loop until `condition()` holds (or fail after `timeout` seconds)."""
    deadline = time.monotonic() + timeout
    loop = QEventLoop()
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not reach the expected state")
        QTimer.singleShot(20, loop.quit)
        loop.exec()


def settle(seconds: float = 0.4) -> None:
    """Let timers fire and paints happen for `seconds`."""
    end = time.monotonic() + seconds
    wait_until(lambda: time.monotonic() >= end, timeout=seconds + 5)


def shoot(widget: QWidget, out: Path, name: str, popup: QWidget | None = None) -> Path:
    """Save the window (and an open popup, under a real display) as out/name.png."""
    settle()
    target = out / f"{name}.png"
    screen = QGuiApplication.primaryScreen()
    if os.environ.get("QT_QPA_PLATFORM") != "offscreen" and popup is not None and screen:
        frame = widget.frameGeometry()
        image = screen.grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
    else:
        image = widget.grab()
    image.save(str(target))
    print(f"wrote {target}")
    return target


def run(out: Path) -> None:
    """Build the demo library through the window and take the screenshots."""
    from ui.listing import Scope
    from ui.main import create_application, open_window
    from ui.settings import open_settings

    application = create_application(["lectern-screenshots"])
    work = Path(tempfile.mkdtemp(prefix="lectern-shots-"))
    grouped = write_demo_pdfs(work / "downloads")
    library = Library.open(work / "library")
    window = open_window(library, open_settings(work / "settings.ini"))
    window.resize(1480, 920)
    try:
        wait_until(lambda: window.central.currentWidget() is window.empty_state)
        shoot(window, out, "01-empty-library")

        for tag, paths in grouped.items():
            window.import_paths(paths, [tag])
        wait_until(
            lambda: (
                window.import_panel.progress.isVisible()
                and window.import_panel.progress.fraction > 0
            ),
            timeout=60,
        )
        shoot(window, out, "02-importing")
        wait_until(
            lambda: not window.imports.running and window.imports.queued_jobs == 0, timeout=300
        )
        finish_demo_metadata(library)
        wait_until(lambda: window.search.library_size == len(PAPERS), timeout=60)
        wait_until(lambda: window.import_panel.pending_rows == 0)
        shoot(window, out, "03-imported")

        window.import_dock.hide()
        field = window.result_panel.search
        field.setFocus()
        field.set_query("relu networks")
        wait_until(
            lambda: (
                window.results.listing.request.query == "relu networks"
                and window.results.rowCount() > 0
            )
        )
        view = window.result_panel.view
        view.selectionModel().setCurrentIndex(
            window.results.index(0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        wait_until(lambda: window.preview.hit_count() > 0, timeout=30)
        window.results.toggle_expanded(1)
        shoot(window, out, "04-search-and-preview")

        window.tag_view.select_scope(Scope(tag="optimization"))
        window.result_panel.search.set_query("convergence")
        wait_until(
            lambda: (
                window.results.listing.request.scope.tag == "optimization"
                and window.results.rowCount() > 0
            )
        )
        view.selectionModel().setCurrentIndex(
            window.results.index(0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        wait_until(lambda: window.preview.hit_count() > 0, timeout=30)
        shoot(window, out, "05-search-in-a-tag")

        window.tag_view.select_scope(Scope())
        window.result_panel.search.set_query("")
        wait_until(
            lambda: (
                not window.results.listing.request.query
                and window.results.rowCount() == len(PAPERS)
            )
        )
        view.selectionModel().setCurrentIndex(
            window.results.index(len(PAPERS) - 1), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        window.right_tabs.setCurrentWidget(window.details)
        shoot(window, out, "06-details")

        window.right_tabs.setCurrentWidget(window.preview)
        field.show_syntax_help()
        popup = field.syntax_popup
        shoot(window, out, "07-syntax-help", popup=popup)
        if popup is not None:
            popup.hide()
            if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
                popup.grab().save(str(out / "07b-syntax-help-popup.png"))
    finally:
        window.close()
        library.close()
        QCoreApplication.processEvents()
        del application


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    run(args.out)


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    main()
