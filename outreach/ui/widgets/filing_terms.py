"""What the procedure being added asks of the resident, shown under the visit form's filing row:
the papers to bring, and the fee and processing time of the chosen channel.

A volunteer at the door answers "what do I need, what does it cost, when do I get it" from this,
offline: the terms come from the laptop's synced catalogue (``services.procedures.terms_for``),
with the ward's province overrides, and change as soon as the procedure or the channel does.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from outreach.labels import days_text, fee_text
from outreach.services.procedures import FilingTerms
from outreach.ui.core.i18n import current_language
from outreach.ui.core.labels import CHANNEL_LABELS, label

PANEL_STYLE = "QLabel#filingTerms { background: #F3F6FA; border: 1px solid #C9D3E0; border-radius: 3px; padding: 4px; }"


class FilingTermsPanel(QLabel):
    """Rich text: "Online: fee …, processing time …", then the papers to submit and to show."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filingTerms")
        self.setStyleSheet(PANEL_STYLE)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.terms: FilingTerms | None = None
        self.setVisible(False)

    def show_terms(self, terms: FilingTerms | None) -> None:
        """Show ``terms`` (None: no procedure picked, or "khác": nothing known to show)."""
        self.terms = terms
        if terms is None:
            self.clear()
            self.setVisible(False)
            return
        language = current_language()
        channel = escape(label(CHANNEL_LABELS, terms.channel))
        if terms.offered:
            head = (self.tr("<b>%1</b> — fee: %2 · processing time: %3")
                    .replace("%1", channel).replace("%2", escape(fee_text(terms.fee_vnd, language)))
                    .replace("%3", escape(days_text(terms.days, language))))
        else:
            head = self.tr("<b>%1</b> — this procedure is not filed this way.").replace("%1", channel)
        parts = [f"<div>{head}</div>"]
        if terms.fee_free:
            nothing = self.tr("Nothing to pay by this channel, so it cannot be marked paid online.")
            parts.append(f"<div>{escape(nothing)}</div>")
        for caption, papers in ((self.tr("Papers to submit:"), terms.papers_submit), (self.tr("Papers to show:"), terms.papers_show)):
            if papers:
                items = "".join(f"<li>{escape(p)}</li>" for p in papers)
                parts.append(f"<div>{escape(caption)}</div><ul style='margin-top:0; margin-bottom:0; -qt-list-indent:1;'>{items}</ul>")
        if not (terms.papers_submit or terms.papers_show):
            none_listed = self.tr("The catalogue lists no papers for this procedure.")
            parts.append(f"<div>{escape(none_listed)}</div>")
        self.setText("".join(parts))
        self.setVisible(True)
