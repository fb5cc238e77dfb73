"""Page breaks inside a very long paragraph in time linear in its length.

reportlab breaks a paragraph into lines as a whole: to find the lines that fit on a page it
breaks *all* of them, and the rest of the paragraph is broken again on the next page. A
paragraph of n characters over n/k pages costs O(n²/k): 320 000 characters took 12 s, 640 000
took 72 s. Here a long paragraph is measured by a *head*: its first words, enough for the page
and at least two lines more. reportlab breaks and splits the head exactly as it would the
whole paragraph (its line breaking is greedy: a line depends only on the words from its
start), and the rest of the head is joined with the untouched tail for the next page. So the
lines are the same as without this module (tests compare the PDFs byte for byte), only found
with work proportional to a page.

Two forms of a paragraph's `frags`: one text fragment (one style throughout: the usual long
pasted text) is cut at a space; mixed styles are first turned into reportlab's own word list
(`_getFragWords`, what its line breaking works on) and cut between two words.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus.paragraph import (
    Paragraph,
    _getFragWords,
    _HSFrag,
    _InjectedFrag,
    _processed_frags,
    _SplitFrag,
    _SplitWord,
    _SplitWordEnd,
    _SplitWordLL,
)

from forms.pdf.styles import FRAME_HEIGHT

# Below this many characters reportlab's own breaking is fast enough (a few pages at most).
LONG_PARAGRAPH = 6000
# A long paragraph reports its height only up to this many pages ("at least").
MEASURED_PAGES = 3
# Narrowest glyph advance of the body fonts relative to the font size (Liberation Sans:
# "i", "l", "j" ≈ 0.22 em); the head estimate assumes this for every character.
_NARROWEST = 0.2


def is_long(paragraph: Any) -> bool:
    style = paragraph.style
    if getattr(paragraph, "pdf_whole", False) or getattr(style, "autoLeading", "") not in (
        "",
        "off",
        None,
    ):
        return False
    if getattr(style, "wordWrap", None) == "CJK":
        return False
    return _length(paragraph) > LONG_PARAGRAPH


def _length(paragraph: Any) -> int:
    """Characters of the paragraph (cheap: called on every wrap)."""
    frags = paragraph.frags
    if len(frags) == 1 and hasattr(frags[0], "text"):
        return len(frags[0].text)
    if _processed_frags(frags):
        return 6 * len(frags)  # words: an estimate is enough to choose the way of breaking
    return sum(len(getattr(f, "text", "") or "") for f in frags)


def _word_length(word: list[Any]) -> int:
    return sum(len(text) for _frag, text in word[1:]) + 1


def measure(paragraph: Any, width: float, height: float) -> tuple[float, float] | None:
    """`wrap` for a long paragraph that does not fit: (width, a height > `height`, or more
    than MEASURED_PAGES frames), computed from a head only. None when the whole paragraph has
    to be measured (it may fit)."""
    cut = _head(paragraph, width, height)
    if cut is None:
        return None
    head, _tail = cut
    return width, head.height


def split(paragraph: Any, width: float, height: float) -> list[Any] | None:
    """`split` for a long paragraph: [part for this page, rest] or [] (no room), or None
    when the ordinary split must be used."""
    if height > FRAME_HEIGHT:
        return None
    cut = _head(paragraph, width, height)
    if cut is None:
        return None
    head, tail = cut
    parts = Paragraph.split(head, width, height)
    if len(parts) != 2:
        return parts if not parts else None
    first, rest = parts
    joined = type(paragraph)(None, rest.style, bulletText=None, frags=_join(rest.frags, tail))
    return [first, joined]


def _head(paragraph: Any, width: float, height: float) -> tuple[Any, list[Any]] | None:
    """A wrapped head of `paragraph` taller than `height` by two lines, and the tail frags."""
    # Callers only compare a height with the frame: for a paragraph taller than a few pages,
    # "at least this tall" is the answer (keeps a KeepTogether's unbounded wrap cheap).
    height = min(height, MEASURED_PAGES * FRAME_HEIGHT)
    cached = paragraph.__dict__.get("_pdf_head")
    if cached is not None and cached[0] == (width, height):
        return cached[1]  # type: ignore[no-any-return]
    style = paragraph.style
    if len(paragraph.frags) > 1 and not _processed_frags(paragraph.frags):
        # Mixed styles: reportlab's word list, computed once for the whole paragraph.
        paragraph.frags = _getFragWords(paragraph.frags, width)
    sizes = [_font_size(f, style.fontSize) for f in paragraph.frags[:200]]
    per_line = max(width, 1) / (_NARROWEST * max(min(sizes, default=style.fontSize), 1))
    chars = int((height / style.leading + 3) * per_line) + 100
    result = None
    while True:
        cut = _cut(paragraph.frags, chars)
        if cut is None:
            break  # the head would be the whole paragraph
        head_frags, tail = cut
        head = type(paragraph)(None, style, bulletText=paragraph.bulletText, frags=head_frags)
        head.pdf_whole = True
        head.wrap(width, height)
        if head.height >= height + 2 * style.leading:
            result = (head, tail)
            break
        chars *= 2
    paragraph.__dict__["_pdf_head"] = ((width, height), result)
    return result


def _font_size(frag: Any, default: float) -> float:
    if isinstance(frag, list):
        return min((f.fontSize for f, _text in frag[1:]), default=default)
    return float(getattr(frag, "fontSize", default) or default)


def _cut(frags: list[Any], chars: int) -> tuple[list[Any], list[Any]] | None:
    """The frags of the first ≥ `chars` characters and the rest, cut at a word boundary.
    None if the text ends first."""
    if len(frags) == 1 and hasattr(frags[0], "text"):
        return _cut_text(frags[0], chars)
    seen = 0
    for index, word in enumerate(frags):
        if (
            seen >= chars
            and index
            and _word_ends(frags[index - 1])
            and not isinstance(word, _InjectedFrag)
        ):
            return frags[:index], frags[index:]
        seen += _word_length(word) if isinstance(word, list) else 1
    return None


def _word_ends(word: Any) -> bool:
    # A piece of a word split over two lines goes on in the next entry.
    return not isinstance(word, _SplitFrag) or isinstance(word, _HSFrag)


def _cut_text(frag: Any, chars: int) -> tuple[list[Any], list[Any]] | None:
    text = frag.text
    if len(text) <= chars:
        return None
    at = text.find(" ", chars)
    if at < 0:
        if len(text) - chars <= 4 * LONG_PARAGRAPH:
            return None
        # Tens of thousands of characters without a space (splitLongWords breaks them
        # anywhere anyway): cut inside rather than fall back to quadratic breaking.
        at = chars + 2 * LONG_PARAGRAPH
    head, tail = frag.clone(), frag.clone()
    head.text, tail.text = text[:at], text[at:]
    return [head], [tail]


def _join(rest: list[Any], tail: list[Any]) -> list[Any]:
    """The head's rest (as reportlab's split made it) followed by the tail."""
    if _processed_frags(tail):
        return [*rest, *tail]
    # One text fragment: reportlab made the rest a frag of words; make it text again and
    # put it in front of the tail (the other piece of the same fragment).
    (words_frag,) = rest
    words = words_frag.words
    frag = tail[0].clone()
    frag.text = (
        "".join(
            str(word) + ("" if _goes_on(word) or i == len(words) - 1 else " ")
            for i, word in enumerate(words)
        )
        + tail[0].text
    )
    return [frag]


def _goes_on(word: Any) -> bool:
    # A piece of a word that splitLongWords broke over two lines: no space after it.
    return isinstance(word, _SplitWordLL) or (
        isinstance(word, _SplitWord) and not isinstance(word, _SplitWordEnd)
    )
