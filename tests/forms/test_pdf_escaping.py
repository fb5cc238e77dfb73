"""User text is printed literally: reportlab markup in any field never loads or links anything."""

from __future__ import annotations

import pikepdf

from forms import markdown
from forms.model import Anlage, Beratung, Dienststelle, Vorlage
from forms.pdf import render
from tests.forms.pdfutil import body_text, open_pdf, squash

NASTY = (
    '<img src="/etc/passwd"/> <a href="x">Link</a> <font color="red" size="40">rot</font> '
    "&nbsp; &amp; &lt; <b>offen <i>"
)
TOKENS = (
    '<img src="/etc/passwd"/>',
    '<a href="x">Link</a>',
    '<font color="red" size="40">',
    "&nbsp;",
    "&amp;",
    "&lt;",
    "<b>offen <i>",
)


def _nasty_vorlage() -> Vorlage:
    v = Vorlage()
    g = v.grunddaten
    g.vorlageart = NASTY
    g.vorlage_nr = NASTY
    g.betreff = NASTY
    g.status.workflow = NASTY
    g.federfuehrend = Dienststelle(kuerzel=NASTY, name=NASTY)
    g.beteiligt = [Dienststelle(kuerzel="FB 20", name=NASTY)]
    g.verfasst_von = NASTY
    g.aktenzeichen = NASTY
    g.unterschrift = NASTY
    v.beratungsfolge = [Beratung(gremium=NASTY, rolle=NASTY)]
    # Rich text is stored as Markdown: the wizard escapes what the clerk typed literally.
    md = markdown.escape(NASTY)
    v.beschlussvorschlag = md
    v.erlaeuterungen = f"# {md}\n\n{md}\n\n- {md}\n\n| {md} |\n|---|\n| {md} |"
    v.anlagen = [Anlage(titel=NASTY, datei="/etc/passwd")]
    return v


FIELDS = 19  # occurrences of NASTY in the body above (the footer and header add more)


def test_every_field_prints_literally() -> None:
    text = body_text(render(_nasty_vorlage(), entwurf=True))
    assert text.count(squash(NASTY)) >= FIELDS
    for token in TOKENS:
        assert token in text


def test_no_image_no_link_no_file_read() -> None:
    data = render(_nasty_vorlage(), entwurf=True)
    pdf = open_pdf(data)
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            assert obj.get("/Subtype") != "/Image"
            assert obj.get("/Subtype") != "/Link"
            assert "/URI" not in obj
    for page in pdf.pages:
        assert "/Annots" not in page
        assert "/XObject" not in page.Resources
    # Had /etc/passwd been read, its first line would be in there (uncompressed or not).
    assert b"root:x:0:0" not in data
    assert all(
        b"root:x:0:0" not in s.read_bytes() for s in pdf.objects if isinstance(s, pikepdf.Stream)
    )


def test_unescaped_markdown_is_still_only_text() -> None:
    # A hand-edited file: entities decode to characters, which are then printed as text.
    v = Vorlage()
    v.erlaeuterungen = NASTY + "\n\n&lt;b&gt;fett?&lt;/b&gt; &amp;nbsp;"
    data = render(v)
    text = body_text(data)
    assert '<img src="/etc/passwd"/> <a href="x">Link</a>' in text
    assert "<b>fett?</b> &nbsp;" in text
    pdf = open_pdf(data)
    assert all("/Annots" not in page and "/XObject" not in page.Resources for page in pdf.pages)


def test_stored_nbsp_entity_is_a_non_breaking_space() -> None:
    v = Vorlage()
    v.erlaeuterungen = "§&nbsp;60 GO NRW"
    assert "§\u00a060 GO NRW" in [p.text for p in _story_paras(v)]


def _story_paras(v: Vorlage) -> list:
    from forms.pdf.richtext import markdown_flowables

    return markdown_flowables(v.erlaeuterungen)


def test_markdown_links_print_text_and_target_images_their_text_only() -> None:
    v = Vorlage()
    v.erlaeuterungen = (
        "Siehe [Ratsinfo](https://example.org) und ![Plan](/etc/passwd) <https://x.de>"
    )
    data = render(v)
    text = body_text(data)
    # the link target is printed as text (issue 11 item 8), an image's source never is
    assert "Siehe Ratsinfo (https://example.org) und Plan https://x.de" in text
    assert "/etc/passwd" not in text
    pdf = open_pdf(data)
    assert all("/Annots" not in page for page in pdf.pages)
