"""Every control a student can operate in an explorer has a name a screen reader can say.

An unnamed slider or drop-down is announced as just "slider": the student cannot tell what it
changes. The explorers are trees of ipywidgets; this walks a tree and lists each control without
a `description` (or, for a button, a tooltip). ipywidgets is imported only when a tree is checked.
"""

from __future__ import annotations

from typing import Any


def unlabelled_controls(widget: Any) -> list[str]:
    """Controls under `widget` (itself included) that a screen reader cannot name, as sentences.

    A control is anything a student operates: text boxes, sliders, checkboxes, drop-downs, toggle
    and other buttons. Each needs a non-empty `description`; a Button may instead say what it does
    in its tooltip. Options of a selection need non-empty labels. Display-only widgets (HTML,
    labels, outputs, images, progress bars) need none.
    """
    import ipywidgets as w

    display_only = (w.HTML, w.HTMLMath, w.Label, w.Image, w.Audio, w.Video, w.Valid, w.IntProgress,
                    w.FloatProgress, w.Output)
    problems = []

    def name_of(item: Any, path: str) -> str:
        classes = " ".join(getattr(item, "_dom_classes", ()))
        return f"{type(item).__name__} at {path}" + (f" (class {classes})" if classes else "")

    def walk(item: Any, path: str) -> None:
        if isinstance(item, w.Box):
            for i, child in enumerate(item.children):
                walk(child, f"{path}.{i}")
            return
        if isinstance(item, display_only) or not isinstance(item, (w.ValueWidget, w.Button)):
            return
        if isinstance(item, w.Button):
            if not (item.description.strip() or item.tooltip and item.tooltip.strip()):
                problems.append(f"{name_of(item, path)} has neither a description nor a tooltip")
            return
        if not str(getattr(item, "description", "") or "").strip():
            problems.append(f"{name_of(item, path)} has no description")
        labels = getattr(item, "_options_labels", None)
        if labels is not None and any(not str(label).strip() for label in labels):
            problems.append(f"{name_of(item, path)} has an option without a label")

    walk(widget, "root")
    return problems
