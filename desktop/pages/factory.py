"""The section pages, built on first visit by the main window.

Each page's module is imported when its page is built: the rich-text pages bring markdown-it,
which neither start-up nor "Neue Vorlage" → Grunddaten need (~0,3 s; docs/performance.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from forms.labels import Section

if TYPE_CHECKING:
    from desktop.dialogs import Dialogs
    from desktop.document import Document
    from desktop.pages.base import Page


def section_page(step: Section, document: Document, dialogs: Dialogs) -> Page:
    if step == Section.GRUNDDATEN:
        from desktop.pages.grunddaten import GrunddatenPage

        return GrunddatenPage(document)
    if step == Section.BERATUNGSFOLGE:
        from desktop.pages.beratungsfolge import BeratungsfolgePage

        return BeratungsfolgePage(document)
    if step == Section.BESCHLUSSVORSCHLAG:
        from desktop.pages.beschlussvorschlag import BeschlussvorschlagPage

        return BeschlussvorschlagPage(document)
    if step == Section.ERLAEUTERUNGEN:
        from desktop.pages.erlaeuterungen import ErlaeuterungenPage

        return ErlaeuterungenPage(document)
    if step == Section.ANLAGEN:
        from desktop.pages.anlagen import AnlagenPage

        return AnlagenPage(document, dialogs=dialogs)
    if step == Section.FINANZEN:
        from desktop.pages.finanzen import FinanzenPage

        return FinanzenPage(document)
    if step == Section.KLIMARELEVANZ:
        from desktop.pages.klimarelevanz import KlimarelevanzPage

        return KlimarelevanzPage(document)
    raise ValueError(f"no page for {step!r}")
