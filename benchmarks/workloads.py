"""The documents the benchmarks work on, built from the seed (the example project).

Everything here is deterministic, so two runs on two machines measure the same work.
"""

from __future__ import annotations

from pathlib import Path

from forms import projectfile
from forms.model import Anlage, Beratung, Vorlage
from forms.resources import resource_path

EXAMPLE = resource_path("examples", "FB_56_0319_WP18.vorlage.json")

# A page of Erläuterungen as a clerk writes it: headings, paragraphs, a list, emphasis.
# The paragraphs are the seed's own, so glyph mix and word lengths are realistic.
_EXTRA_BLOCKS = [
    "## Sachstand im Überblick",
    "- Verweisberatung und **Case Management** in allen Sozialräumen\n"
    "- Fallkonferenzen mit den *Trägern der freien Wohlfahrtspflege*\n"
    "- Netzwerkarbeit mit Jobcenter, Ausländerbehörde und Schulen",
]


def seed() -> Vorlage:
    return projectfile.load(EXAMPLE)


def seed_paragraphs() -> list[str]:
    return [p for p in seed().erlaeuterungen.split("\n\n") if p.strip()]


def erlaeuterungen_blocks(count: int) -> str:
    """`count` Markdown blocks cycling through the seed's paragraphs and a heading + list."""
    pool = seed_paragraphs() + _EXTRA_BLOCKS
    blocks = []
    for i in range(count):
        block = pool[i % len(pool)]
        if block.startswith("## "):
            block = f"{block} ({i // len(pool) + 1})"
        blocks.append(block)
    return "\n\n".join(blocks)


def with_blocks(count: int) -> Vorlage:
    vorlage = seed()
    return vorlage.model_copy(update={"erlaeuterungen": erlaeuterungen_blocks(count)})


def large_project(target_bytes: int = 5 * 1024 * 1024) -> Vorlage:
    """A project file of about `target_bytes`: a very long text and a long Beratungsfolge.

    The model limits one text field to 2 million characters, so the size is spread over the
    Erläuterungen, the Beschlussvorschlag and many rows, as a grown, pasted-together project is.
    """
    vorlage = seed()
    beratungen = [
        Beratung(
            status="Geplant",
            datum=f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
            gremium="Ausschuss für Umwelt und Klimaschutz",
            rolle="Anhörung/Empfehlung",
        )
        for i in range(5000)
    ]
    anlagen = [
        Anlage(titel=f"Anlage {i + 1}: Stellungnahme", datei=f"anlage_{i + 1}.pdf")
        for i in range(5000)
    ]
    vorlage = vorlage.model_copy(update={"beratungsfolge": beratungen, "anlagen": anlagen})
    rest = target_bytes - len(projectfile.dumps(vorlage).encode("utf-8"))
    text = erlaeuterungen_blocks(8000)
    erlaeuterungen = text[: min(rest // 2, 1_900_000)]
    beschluss = text[: min(max(0, rest - len(erlaeuterungen.encode("utf-8"))), 1_900_000)]
    # Shrink the second text until the whole file lands within 1 % of the target.
    while True:
        candidate = vorlage.model_copy(
            update={"erlaeuterungen": erlaeuterungen, "beschlussvorschlag": beschluss}
        )
        size = len(projectfile.dumps(candidate).encode("utf-8"))
        if size <= target_bytes * 1.01 or not beschluss:
            return Vorlage.model_validate(candidate.model_dump())
        beschluss = beschluss[: len(beschluss) - (size - target_bytes)]


def write(vorlage: Vorlage, path: Path) -> Path:
    projectfile.save(vorlage, path, backup=False)
    return path
