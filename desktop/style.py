"""Look of the application: Fusion with a calm, light stylesheet."""

from __future__ import annotations

from forms.resources import resource_path

STYLESHEET = """
QMainWindow, #pageFooter { background: #f3f5f8; }
#pageHeader { background: #ffffff; border-bottom: 1px solid #e1e5ea; }
#pageBody, QScrollArea > QWidget > QWidget#pageBody { background: #ffffff; }
QStackedWidget { background: #ffffff; }
#pageFooter { border-top: 1px solid #e1e5ea; }
#pageTitle { font-size: 17pt; font-weight: 600; color: #1d2a3a; }
#pageIntro { color: #5a6675; }
#sectionList {
    background: #eaeef3; border: none; border-right: 1px solid #d5dbe3;
    padding-top: 12px; font-size: 10.5pt; outline: 0;
}
#sectionList::item { padding: 9px 12px; color: #243242; border-left: 3px solid transparent; }
#sectionList::item:selected {
    background: #ffffff; color: #0f3d6e; border-left: 3px solid #2f6fb3; font-weight: 600;
}
#sectionList::item:hover:!selected { background: #dfe5ec; }
QGroupBox { font-weight: 600; border: 1px solid #dbe0e6; border-radius: 6px; margin-top: 12px;
            padding: 12px 10px 10px 10px; background: #fbfcfd; }
QGroupBox::title { subcontrol-origin: margin; left: 10px; padding: 0 4px; color: #1d2a3a; }
QGroupBox:disabled { color: #9aa4b0; }
QLineEdit, QPlainTextEdit, QTextEdit, QComboBox {
    border: 1px solid #c3cbd5; border-radius: 4px; padding: 4px 6px; background: #ffffff;
    selection-background-color: #2f6fb3;
}
QComboBox { padding-right: 22px; }
QComboBox::drop-down { subcontrol-origin: padding; subcontrol-position: top right; width: 20px;
                       border: none; border-left: 1px solid #dde2e8; }
QComboBox::down-arrow { image: url(@ICONS@/arrow-down.png); width: 10px; height: 6px; }
QComboBox::down-arrow:disabled { image: url(@ICONS@/arrow-down-disabled.png); }
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus {
    border: 1px solid #2f6fb3;
}
QLineEdit:disabled, QComboBox:disabled { background: #f1f3f5; color: #8a94a0; }
*[invalid="true"] { border: 1px solid #c62828; background: #fff4f4; }
#errorLabel, #problemLabel[schwere="fehler"] { color: #c62828; }
#problemLabel[schwere="hinweis"] { color: #8a5a00; }
#hintLabel { color: #5a6675; }
#hintLabel[state="ok"] { color: #2e7d32; }
#hintLabel[state="warn"] { color: #b26a00; }
#computed {
    background: #f1f4f7; border: 1px solid #dde2e8; border-radius: 4px; padding: 4px 6px;
    color: #1d2a3a;
}
#computed[sign="neg"] { color: #c62828; }
#computed:disabled { color: #9aa4b0; }
#computed[sign="pos"] { color: #2e7d32; }
#columnHeading { color: #3c4856; font-size: 8pt; }
#klimaFrage { background: #fbfcfd; border: 1px solid #dbe0e6; border-radius: 6px; }
#frageLabel { font-weight: 600; }
#blockLabel { font-size: 11.5pt; font-weight: 600; color: #0f3d6e; margin-top: 8px; }
#klimaHeading { color: #3c4856; }
#summaryLabel { font-size: 11pt; padding: 8px 10px; border-radius: 4px; }
#summaryLabel[state="error"] { background: #fdecea; color: #8e1c1c; }
#summaryLabel[state="warn"] { background: #fff6e0; color: #7a4f00; }
#summaryLabel[state="ok"] { background: #e8f5e9; color: #1b5e20; }
#readOnlyBanner {
    background: #fff6e0; color: #7a4f00; padding: 8px 24px; border-bottom: 1px solid #e8d9b0;
}
QPushButton {
    padding: 5px 14px; border: 1px solid #b8c1cc; border-radius: 4px; background: #ffffff;
}
QPushButton:hover { background: #eef3f9; }
QPushButton:disabled { color: #9aa4b0; background: #f5f6f8; }
#primaryButton { background: #2f6fb3; color: #ffffff; border: 1px solid #285f9a; font-weight: 600; }
#primaryButton:hover { background: #285f9a; }
#primaryButton:disabled { background: #a9bfd8; border-color: #a9bfd8; }
#linkButton { border: none; color: #2f6fb3; padding: 2px 4px; background: transparent; }
QTableWidget { border: 1px solid #dbe0e6; gridline-color: #e6e9ee; background: #ffffff;
               alternate-background-color: #f7f9fb; selection-background-color: #dbe7f5;
               selection-color: #0f2540; }
QHeaderView::section { background: #eef1f5; border: none; border-bottom: 1px solid #d5dbe3;
                       padding: 5px 6px; font-weight: 600; color: #243242; }
QListWidget#recentList::item { padding: 5px 4px; }
QListWidget#problemList::item { padding: 5px 0px; } /* side padding would overrun wrapped lines */
QListWidget#beteiligtList::item { padding: 2px 2px; }
QToolBar { border: 1px solid #dbe0e6; border-radius: 4px; background: #f6f8fa; spacing: 2px; }
QToolBar QToolButton { padding: 3px 8px; border-radius: 3px; }
QToolBar QToolButton:checked { background: #dbe7f5; }
QStatusBar { background: #eaeef3; color: #3c4856; }
"""


def stylesheet() -> str:
    # Qt style sheets take file paths with forward slashes, also on Windows.
    return STYLESHEET.replace("@ICONS@", resource_path("icons").as_posix())
