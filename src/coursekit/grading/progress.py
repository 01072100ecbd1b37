"""The progress line a teacher watches while a batch is graded: done, graded, not graded, remaining.

On a terminal it is one line redrawn in place; in a log (not a terminal) one line per submission.
"""

from __future__ import annotations

WIDTH = 24


class Progress:
    def __init__(self, total: int, stream, enabled: bool = True):
        self.total, self.stream, self.enabled = total, stream, enabled
        self.done = self.graded = 0
        self.live = enabled and hasattr(stream, "isatty") and stream.isatty()

    def update(self, record) -> None:
        self.done += 1
        self.graded += record.status == "graded"
        if not self.enabled:
            return
        failed = self.done - self.graded
        counts = f"{self.done}/{self.total}  graded {self.graded} · not graded {failed} · remaining {self.total - self.done}"
        if self.live:
            filled = WIDTH * self.done // max(self.total, 1)
            self.stream.write(f"\r[{'#' * filled}{'.' * (WIDTH - filled)}] {counts} ")
        else:
            self.stream.write(f"{counts}  ({record.student}: {record.status})\n")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.live:
            self.stream.write("\n")
            self.stream.flush()
