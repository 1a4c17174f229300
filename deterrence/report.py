"""One analysis of a model or a game, in words, tables and a figure (the interface layer).

Placeholder for :func:`analyze`; for now the HTML card of a model (Jupyter).
"""

from __future__ import annotations

import html
from typing import Any

__all__ = ["model_card_html"]


def _escape(value: Any) -> str:
    return html.escape(str(value), quote=True)


def model_card_html(model: Any) -> str:
    """A model as an HTML card: story, parameters, key result and outcomes (Jupyter).

    Parameters
    ----------
    model : Model
        A registered model (:func:`deterrence.models.get_model`).

    Returns
    -------
    str
        An HTML fragment.

    Examples
    --------
    >>> from deterrence.models import get_model
    >>> card = model_card_html(get_model("denial"))
    >>> "coercion deterred" in card and "<table" in card
    True
    """
    cell = "padding:2px 8px;text-align:left;border-bottom:1px solid #ddd"
    rows = "".join(
        f"<tr><td style='{cell}'><code>{_escape(p.name)}</code></td>"
        f"<td style='{cell}'>{_escape(p.default)}</td>"
        f"<td style='{cell}'>{_escape(p.domain_text())}</td>"
        f"<td style='{cell}'>{_escape(p.description)}"
        + (" <em>(structural)</em>" if p.name in model.structural else "")
        + "</td></tr>"
        for p in model.parameters)
    head = "".join(f"<th style='{cell}'>{h}</th>"
                   for h in ("parameter", "default", "domain", "meaning"))
    parts = [
        "<div style='border:1px solid #bbb;padding:8px 12px;max-width:52em'>",
        f"<h4 style='margin:0 0 4px 0'>{_escape(model.name)} "
        f"<small style='color:#666'>[{_escape(model.kind)}]</small></h4>",
        f"<p style='margin:4px 0'>{_escape(model.story)}</p>",
        f"<table style='border-collapse:collapse'><tr>{head}</tr>{rows}</table>",
        f"<p style='margin:6px 0'><b>Key parameter:</b> <code>{_escape(model.key_parameter)}"
        f"</code> over [{_escape(model.key_range[0])}, {_escape(model.key_range[1])}]</p>",
        f"<p style='margin:6px 0'><b>Key result:</b> {_escape(model.key_result)}</p>",
    ]
    if model.outcomes is not None:
        items = "".join(f"<li>{_escape(words)}</li>" for words in model.outcomes.labels)
        parts.append(f"<p style='margin:6px 0 0 0'><b>Outcomes:</b></p>"
                     f"<ul style='margin:0'>{items}</ul>")
    if model.essay_argument:
        parts.append(f"<p style='margin:6px 0'><b>Argument:</b> "
                     f"{_escape(model.essay_argument)}</p>")
    if model.references:
        parts.append(f"<p style='margin:6px 0;color:#666'>{_escape('; '.join(model.references))}"
                     "</p>")
    parts.append("</div>")
    return "".join(parts)
