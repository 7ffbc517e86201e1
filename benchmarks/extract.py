"""Extraction speed on the sample notices: `python benchmarks/extract.py [--repeat N] [FILE...]`.

Reads the sample notices (shared/seeds beside the repository, or the files
given), extracts each once to warm up, then times `extract_bytes` N times and
prints the median per notice, the median of one pass over all of them, and the
time for a generated notice of 1 MB. Plain figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"

sys.path.insert(0, str(ROOT / "tests"))
from builders.notices import numbered_notice  # noqa: E402

try:
    from duban.extract import extract_bytes
except ImportError:  # run from a checkout without `pip install -e .`
    sys.path.insert(0, str(ROOT / "src"))
    from duban.extract import extract_bytes


def median_seconds(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


FORMATS = ROOT / "tests" / "extract" / "corpus" / "formats"


def per_format(repeat: int) -> None:
    """Milliseconds per notice for each file format, on the held-out corpus files."""
    files = sorted(p for p in FORMATS.glob("*") if p.suffix != ".json")
    if not files:
        return
    by_format: dict[str, list[float]] = {}
    for path in files:
        data = path.read_bytes()
        extract_bytes(data)  # warm-up
        runs = 1 if path.suffix == ".doc" else repeat  # .doc goes through LibreOffice
        seconds = median_seconds(lambda data=data: extract_bytes(data), runs)
        by_format.setdefault(path.suffix, []).append(seconds)
    print("per format (held-out corpus files), median ms per notice:")
    for suffix, times in sorted(by_format.items()):
        print(f"  {suffix:6s} {len(times)} files  {statistics.mean(times) * 1000:8.1f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help=f"notices (default: {SEEDS}/*.txt)")
    parser.add_argument("--repeat", type=int, default=20, help="timed runs per notice (20)")
    parser.add_argument("--big-repeat", type=int, default=3, help="timed runs of the 1 MB notice")
    args = parser.parse_args(argv)

    paths = args.files or sorted(SEEDS.glob("*.txt"))
    if not paths:
        print(f"no notices given and none found in {SEEDS}", file=sys.stderr)
        return 2
    notices = [(p.name, p.read_bytes()) for p in paths]
    repeat = max(1, args.repeat)
    tasks = {name: len(extract_bytes(data).tasks) for name, data in notices}  # warm-up

    print(f"extract_bytes, median of {repeat} runs (Python {sys.version.split()[0]})")
    width = max(len(name) for name, _ in notices)
    print(f"{'notice':<{width}}  {'KB':>6}  {'tasks':>5}  {'ms/notice':>9}  {'tasks/s':>8}")
    for name, data in notices:
        seconds = median_seconds(lambda data=data: extract_bytes(data), repeat)
        print(
            f"{name:<{width}}  {len(data) / 1024:6.1f}  {tasks[name]:5d}  "
            f"{seconds * 1000:9.1f}  {tasks[name] / seconds:8.0f}"
        )

    def one_pass() -> None:
        for _, data in notices:
            extract_bytes(data)

    seconds = median_seconds(one_pass, repeat)
    total_kb = sum(len(data) for _, data in notices) / 1024
    total_tasks = sum(tasks.values())
    print(
        f"{f'all {len(notices)}':<{width}}  {total_kb:6.1f}  {total_tasks:5d}  "
        f"{seconds * 1000:9.1f}  {total_tasks / seconds:8.0f}   (one pass over all)"
    )

    per_format(repeat)

    big, big_tasks = numbered_notice(1 << 20)
    extract_bytes(big)  # warm-up
    seconds = median_seconds(lambda: extract_bytes(big), max(1, args.big_repeat))
    print(
        f"generated notice {len(big) / 1024:.0f} KB, {big_tasks} tasks: "
        f"{seconds * 1000:.0f} ms (median of {max(1, args.big_repeat)}), "
        f"{big_tasks / seconds:.0f} tasks/s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
