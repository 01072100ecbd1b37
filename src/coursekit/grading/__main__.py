"""Grade a folder of submitted exercise notebooks into a gradebook and one feedback file per student.

    python -m coursekit.grading submissions/ --out grades.csv --feedback feedback/ --jobs 2

Then fill the `mark` column of free-text-NN.csv (beside grades.csv) and copy the marks into the
gradebook with `python -m coursekit.grading --marks-only --out grades.csv` (or grade again).
Exit status: 0 when every submission got a row, 2 when the batch could not be graded at all.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ..errors import CourseError
from .batch import Options, grade_batch
from .execute import Limits
from .exercises import load_exercise
from .gradebook import apply_marks, read_marks, read_rows, write_gradebook


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m coursekit.grading", description=__doc__.splitlines()[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("submissions", nargs="*", type=Path, help="notebooks, or folders searched for notebooks")
    p.add_argument("--out", type=Path, default=Path("grades.csv"), help="the gradebook to write (default: grades.csv)")
    p.add_argument("--feedback", type=Path, help="folder for the feedback files (default: feedback/ beside --out)")
    p.add_argument("--jobs", type=int, default=1, help="submissions graded at once, in parallel processes (default: 1)")
    p.add_argument("--exercise", metavar="NN", help="the exercise being graded (default: the one most files are)")
    p.add_argument("--id-pattern", metavar="REGEX",
                   help="a regular expression with a group (?P<student>...), matched against each file's path "
                        "below the folder given, e.g. '(?P<student>[^/]+)/' for one folder per student")
    p.add_argument("--cell-timeout", type=int, default=Limits.cell_seconds, metavar="S",
                   help=f"seconds one cell may run (default: {Limits.cell_seconds})")
    p.add_argument("--timeout", type=int, default=Limits.notebook_seconds, metavar="S",
                   help=f"seconds one notebook may run (default: {Limits.notebook_seconds})")
    p.add_argument("--memory", type=int, default=Limits.memory_mb, metavar="MB",
                   help=f"memory (address space) of one kernel, in MiB (default: {Limits.memory_mb})")
    p.add_argument("--no-prestart", action="store_true",
                   help="start each kernel only when its submission's turn comes (slower; for measuring)")
    p.add_argument("--no-fork", action="store_true",
                   help="start every kernel as a new Python process instead of forking it from a warm one "
                        "(slower; for measuring, or if forked kernels misbehave on your system)")
    p.add_argument("--quiet", action="store_true", help="no progress line, only the summary")
    p.add_argument("--marks-only", action="store_true",
                   help="only copy the teacher's marks from free-text-NN.csv into the gradebook given by --out")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.marks_only:
            return _marks_only(args.out)
        if not args.submissions:
            raise CourseError("name the submitted notebooks or the folder that holds them.")
        if args.jobs < 1 or min(args.cell_timeout, args.timeout, args.memory) < 1:
            raise CourseError("--jobs, --cell-timeout, --timeout and --memory must be positive numbers.")
        pattern = re.compile(args.id_pattern) if args.id_pattern else None
        if pattern is not None and "student" not in pattern.groupindex:
            raise CourseError("--id-pattern needs a group named student, such as (?P<student>[^_]+).")
        options = Options(out=args.out, feedback=args.feedback or args.out.parent / "feedback", jobs=args.jobs,
                          limits=Limits(args.cell_timeout, args.timeout, args.memory), exercise=args.exercise,
                          id_pattern=pattern, show_progress=not args.quiet, prestart=not args.no_prestart,
                          fork=not args.no_fork)
        report = grade_batch(args.submissions, options)
    except re.error as error:
        print(f"grading refused: --id-pattern is not a valid regular expression ({error}).", file=sys.stderr)
        return 2
    except (CourseError, FileNotFoundError) as error:
        print(f"grading refused: {error}", file=sys.stderr)
        return 2
    print(summary(report, options))
    return 0


def summary(report, options: Options) -> str:
    exercise = load_exercise(report.exercise)
    counts = report.counts()
    graded = [r for r in report.records if r.results]
    jobs = f"{options.jobs} job{'s' if options.jobs > 1 else ''}"
    lines = [f"{exercise.title}: {len(report.records)} submissions in {report.seconds:.1f} s with {jobs}.",
             "  " + " · ".join(f"{status} {n}" for status, n in sorted(counts.items()))]
    if graded:
        mean = sum(sum(r.earned for r in g.results.values()) for g in graded) / len(graded)
        lines.append(f"  mean of the checks: {mean:.1f} of {exercise.auto_points} points "
                     f"({len(graded)} notebooks run)")
    for record in sorted(report.records, key=lambda r: r.student):
        if record.status != "graded":
            lines.append(f"  {record.student} ({record.status}): {record.reason}")
    lines.append(f"Wrote {options.out}, {report.written[1].name} (free-text answers to mark) and "
                 f"{len(report.written) - 2} feedback files in {options.feedback}/.")
    return "\n".join(lines)


def _marks_only(out: Path) -> int:
    if not out.is_file():
        raise CourseError(f"there is no gradebook {out} yet: grade the submissions first.")
    found = sorted(out.parent.glob("free-text-*.csv"))
    found = [f for f in found if "." not in f.stem]  # not the free-text-NN.previous-... copies
    if len(found) != 1:
        raise CourseError(f"expected one free-text-NN.csv beside {out}, found {len(found)}.")
    exercise = load_exercise(found[0].stem.removeprefix("free-text-"))
    marks = read_marks(found[0], exercise)
    rows = apply_marks(read_rows(out), exercise, marks)
    write_gradebook(out, exercise, rows)
    print(f"Copied {len(marks)} marks from {found[0].name} into {out}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
