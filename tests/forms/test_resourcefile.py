"""forms.resourcefile: the German errors every JSON resource file gives, through the two readers
that use it (profiles, Textbausteine), before their own models check the fields."""

from __future__ import annotations

from pathlib import Path

import pytest

from forms import profiles, textbausteine
from forms.profiles import ProfileError
from forms.textbausteine import TextbausteinError


def test_a_file_far_too_large_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "gross.json"
    big.write_bytes(b" " * (textbausteine.MAX_BYTES + 1))
    with pytest.raises(TextbausteinError) as caught:
        textbausteine.read(big)
    assert str(caught.value) == "„gross.json“ ist zu groß für eine Textbausteine-Datei."
    profile = tmp_path / "gross.json"
    profile.write_bytes(b" " * (profiles.MAX_PROFILE_BYTES + 1))
    with pytest.raises(ProfileError) as caught:
        profiles.read(profile)
    assert str(caught.value) == "Das Profil „gross.json“ ist zu groß für ein Profil."


def test_a_missing_file_says_why_in_german(tmp_path: Path) -> None:
    missing = tmp_path / "fehlt.json"
    with pytest.raises(TextbausteinError) as caught:
        textbausteine.read(missing)
    assert (
        str(caught.value)
        == f"„{missing}“ lässt sich nicht lesen: der Ordner oder die Datei existiert nicht."
    )
    with pytest.raises(ProfileError) as caught:
        profiles.read(missing)
    assert str(caught.value) == (
        f"Das Profil „{missing}“ lässt sich nicht lesen: der Ordner oder die Datei existiert nicht."
    )


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"\xff\xfe{}", "nicht als UTF-8-Text lesbar"),
        (b'{"a": 1,}', "kein gültiges JSON (Zeile 1, Spalte 9: Feldname in Anführungszeichen"),
        (b'{"a": 1} x', "kein gültiges JSON (Zeile 1, Spalte 10: überzähliger Text nach dem Ende)"),
        (b"[" * 100_000 + b"]" * 100_000, "kein gültiges JSON"),
        (b'"nur Text"', "kein JSON-Objekt"),
    ],
)
def test_the_content_errors_are_the_same_for_both_kinds(data: bytes, problem: str) -> None:
    with pytest.raises(TextbausteinError) as caught:
        textbausteine.parse(data, "t.json")
    assert str(caught.value).startswith(f"„t.json“ ist keine Textbausteine-Datei: {problem}")
    with pytest.raises(ProfileError) as caught:
        profiles.parse(data, "p.json")
    assert str(caught.value).startswith(f"Das Profil „p.json“ ist {problem}")


def test_a_bom_is_no_error(tmp_path: Path) -> None:
    path = tmp_path / "eigene.json"
    path.write_bytes(b'\xef\xbb\xbf{"textbausteine_version": 1, "bausteine": []}')
    assert textbausteine.read(path) == []
