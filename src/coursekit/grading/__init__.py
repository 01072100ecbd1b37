"""The teacher's grader: a folder of submitted exercises in, a gradebook and feedback out.

`python -m coursekit.grading SUBMISSIONS... --out grades.csv --feedback DIR` (see `__main__`).
Each submission is read and recognised (`submissions`), rebuilt from its answer cells and the
course's own cells (`rebuild`), run in a fresh kernel under time and memory limits in a scratch
folder (`execute`, `kernel`), and scored in the grader's process from the answers the kernel
published (`capture`, `grade`). `batch` does this for every file, `gradebook` and `feedback`
write what the teacher and the students read.
"""
