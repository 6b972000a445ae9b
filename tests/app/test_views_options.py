"""OptionsPanel, TranslationPicker and VocabEditor: round trips, API config, limits, warnings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLineEdit,
    QListWidget,
    QSlider,
    QTableWidget,
    QWidget,
)

from smdesk.app.widgets.options_panel import OptionsPanel
from smdesk.app.widgets.vocab_editor import VocabEditor
from smdesk.core.languages import MAX_TRANSLATION_TARGETS, translation_targets
from smdesk.core.options import JobOptions, SummaryOptions, VocabEntry


@pytest.fixture
def panel(qtbot: Any) -> OptionsPanel:
    widget = OptionsPanel()
    qtbot.addWidget(widget)
    return widget


def select_data(combo: QComboBox, value: str) -> None:
    """Pick an item the way a user does (activating it), by its data."""
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


# -- round trips -----------------------------------------------------------------------------

def test_starts_with_the_default_options(panel: OptionsPanel) -> None:
    assert panel.options() == JobOptions()
    assert panel.validation_text() == ""


@pytest.mark.parametrize("options", [
    JobOptions(),
    JobOptions(language="fr", operating_point="standard", diarization="none",
               translation_targets=["en"], srt_max_line_length=42, srt_max_lines=1),
    JobOptions(language="en", diarization="speaker", speaker_sensitivity=0.73,
               translation_targets=["es", "de", "fr"],
               summary=SummaryOptions(content_type="conversational", length="detailed",
                                      style="paragraphs"),
               vocab=[VocabEntry("Speechmatics", ("speech matics",)), VocabEntry("Nguyen"),
                      VocabEntry("Kubernetes", ("koo ber net ees", "cube er net ease"))],
               enable_entities=True),
    JobOptions(language="auto", diarization="channel", expected_languages=["en", "de"]),
])
def test_set_options_then_options_round_trips_exactly(panel: OptionsPanel,
                                                      options: JobOptions) -> None:
    panel.set_options(options)
    assert panel.options() == options
    assert panel.options().to_config_dict() == options.to_config_dict()


def test_set_options_does_not_emit_but_user_changes_do(qtbot: Any, panel: OptionsPanel) -> None:
    with qtbot.assertNotEmitted(panel.options_changed):
        panel.set_options(JobOptions(language="de", translation_targets=["en"]))
    with qtbot.waitSignal(panel.options_changed):
        select_data(panel.operating_point, "standard")
    assert panel.options().operating_point == "standard"


def test_user_choices_produce_the_api_config(qtbot: Any, panel: OptionsPanel) -> None:
    panel.language.set_code("en")
    select_data(panel.diarization, "speaker")
    panel.sensitivity.setValue(80)
    panel.translation.set_checked("es", True)
    panel.translation.set_checked("ja", True)
    panel.summary_box.setChecked(True)
    select_data(panel.summary_style, "paragraphs")
    panel.vocab.set_entries([VocabEntry("Maria Lopez", ("maria lopes",))])
    config = panel.options().to_config_dict()
    assert config["transcription_config"] == {
        "language": "en", "operating_point": "enhanced", "diarization": "speaker",
        "speaker_diarization_config": {"speaker_sensitivity": 0.8, "get_speakers": True},
        "additional_vocab": [{"content": "Maria Lopez", "sounds_like": ["maria lopes"]}],
    }
    assert config["translation_config"] == {"target_languages": ["es", "ja"]}
    assert config["summarization_config"] == {
        "content_type": "auto", "summary_length": "brief", "summary_type": "paragraphs"}
    assert "output_config" not in config  # subtitles are laid out at export, not by the server


def test_sensitivity_untouched_stays_default_and_only_applies_by_speaker(
        panel: OptionsPanel) -> None:
    assert panel.options().speaker_sensitivity is None
    assert "default" in panel.sensitivity_value.text()
    select_data(panel.diarization, "channel")
    assert not panel.sensitivity.isEnabled()
    select_data(panel.diarization, "speaker")
    assert panel.sensitivity.isEnabled()
    panel.sensitivity.setValue(25)
    assert panel.options().speaker_sensitivity == 0.25
    assert panel.sensitivity_value.text() == "0.25"


def test_summary_off_gives_none_and_keeps_the_choices(panel: OptionsPanel) -> None:
    panel.summary_box.setChecked(True)
    select_data(panel.summary_length, "detailed")
    panel.summary_box.setChecked(False)
    assert panel.options().summary is None
    panel.summary_box.setChecked(True)
    assert panel.options().summary == SummaryOptions(length="detailed")


def test_language_combo_is_searchable_and_lists_every_language(panel: OptionsPanel) -> None:
    combo = panel.language
    assert combo.isEditable()
    assert combo.itemText(0) == "Detect automatically"
    assert combo.findData("cmn_en") > 0 and combo.findData("cy") > 0
    editor = combo.lineEdit()
    editor.clear()
    QTest.keyClicks(editor, "portu")
    assert combo.completion_labels() == ["Portuguese (pt)"]
    editor.setText("Portuguese (pt)")
    editor.editingFinished.emit()
    assert panel.options().language == "pt"
    editor.setText("Klingon")
    editor.editingFinished.emit()
    assert combo.currentText() == "Portuguese (pt)"
    assert panel.options().language == "pt"
    editor.setText("germ")  # the start of a name is enough
    editor.editingFinished.emit()
    assert panel.options().language == "de" and combo.currentText() == "German (de)"
    editor.setText("SV")  # so is a code
    editor.editingFinished.emit()
    assert panel.options().language == "sv"


# -- translation pairs and limits ---------------------------------------------------------------

def offered(panel: OptionsPanel) -> list[str]:
    items = panel.translation._list
    return [items.item(row).data(256) for row in range(items.count())]


def test_only_supported_pairs_are_offered(panel: OptionsPanel) -> None:
    panel.language.set_code("en")
    assert sorted(offered(panel)) == sorted(translation_targets("en"))
    assert "en" not in offered(panel)
    panel.language.set_code("fr")
    assert offered(panel) == ["en"]
    panel.language.set_code("no")
    assert sorted(offered(panel)) == ["en", "nn"]
    panel.language.set_code("cy")  # Welsh: no translation pairs
    assert offered(panel) == []
    assert "not available" in panel.translation._summary.text()


def test_a_sixth_target_is_refused_with_a_reason(panel: OptionsPanel) -> None:
    for code in ["es", "fr", "de", "it", "ja"]:
        panel.translation.set_checked(code, True)
    assert panel.options().translation_targets == ["es", "fr", "de", "it", "ja"]
    panel.translation.set_checked("pt", False)
    panel.translation.set_checked("pt", True)
    assert panel.options().translation_targets == ["es", "fr", "de", "it", "ja"]
    assert f"at most {MAX_TRANSLATION_TARGETS}" in panel.translation.notice()
    assert "Portuguese" in panel.translation.notice()
    panel.translation.set_checked("fr", False)
    panel.translation.set_checked("pt", True)
    assert panel.options().translation_targets == ["es", "de", "it", "ja", "pt"]
    assert panel.translation.notice() == ""


def test_changing_language_drops_unreachable_targets_visibly(panel: OptionsPanel) -> None:
    panel.translation.set_checked("es", True)
    panel.language.set_code("de")
    assert panel.options().translation_targets == []
    assert "Spanish" in panel.translation.notice() and "German" in panel.translation.notice()
    panel.translation.set_checked("en", True)
    assert panel.options().translation_targets == ["en"]


def test_invalid_loaded_options_are_explained_inline(panel: OptionsPanel) -> None:
    too_many = ["es", "fr", "de", "it", "ja", "pt"]
    panel.set_options(JobOptions(language="fr", translation_targets=too_many))
    text = panel.validation_text()
    assert "at most 5" in text
    assert "not supported" in text  # fr -> es is not a pair
    assert panel.options().translation_targets == too_many  # shown as loaded, not rewritten


# -- vocabulary --------------------------------------------------------------------------------

@pytest.fixture
def vocab(qtbot: Any) -> VocabEditor:
    widget = VocabEditor()
    qtbot.addWidget(widget)
    return widget


def test_vocab_rows_can_be_added_edited_and_removed(qtbot: Any, vocab: VocabEditor) -> None:
    vocab.set_entries([VocabEntry("Alpha"), VocabEntry("Beta", ("bay ta",))])
    with qtbot.waitSignal(vocab.entries_changed):
        vocab.add_row()
        vocab._table.item(2, 0).setText("Gamma")
    vocab._table.item(2, 1).setText(" gam ma ,  gama ,")
    assert vocab.entries()[2] == VocabEntry("Gamma", ("gam ma", "gama"))
    vocab._table.selectRow(0)
    vocab._remove.click()
    assert [e.content for e in vocab.entries()] == ["Beta", "Gamma"]
    vocab.show()
    vocab._table.setFocus()
    vocab._table.selectRow(1)
    qtbot.keyClick(vocab._table, Qt.Key.Key_Delete)
    assert [e.content for e in vocab.entries()] == ["Beta"]
    assert vocab._count.text() == "1 of 1000"


def test_vocab_import_adds_entries_and_reports_problems(tmp_path: Path,
                                                        vocab: VocabEditor) -> None:
    source = tmp_path / "names.txt"
    source.write_text("# newsroom names\nSpeechmatics: speech matics\nNguyen = win\n"
                      "Alpha\nthe mayor of the city of greater manchester today\n",
                      encoding="utf-8")
    vocab.set_entries([VocabEntry("Alpha")])
    chosen: list[tuple[str, str]] = []
    vocab.set_open_path_chooser(lambda title, flt: chosen.append((title, flt)) or str(source))
    vocab._import.click()
    assert chosen and "*.txt" in chosen[0][1]
    entries = vocab.entries()
    assert entries[:3] == [VocabEntry("Alpha"), VocabEntry("Speechmatics", ("speech matics",)),
                           VocabEntry("Nguyen", ("win",))]
    assert "Imported 3 entries from names.txt" in vocab.import_notes()
    assert "Skipped 1 already in the list" in vocab.import_notes()
    assert "more than 6" in vocab.warnings() or "longer than 6" in vocab.warnings()
    assert "the mayor of the city" in vocab.warnings()


def test_vocab_import_of_a_binary_file_explains(tmp_path: Path, vocab: VocabEditor) -> None:
    source = tmp_path / "names.docx"
    source.write_bytes(b"PK\x03\x04\xff\xfe\x00\x81binary")
    assert not vocab.import_file(str(source))
    assert "names.docx" in vocab.import_notes() and "UTF-8" in vocab.import_notes()
    assert not vocab.import_file(str(tmp_path / "missing.txt"))
    assert "missing.txt" in vocab.import_notes()
    assert vocab.entries() == []


def test_vocab_warns_past_the_entry_limit(vocab: VocabEditor) -> None:
    vocab.set_entries([VocabEntry(f"word{i}") for i in range(1001)])
    assert "1001" in vocab.warnings() and "1000" in vocab.warnings()
    vocab.set_entries([VocabEntry(f"word{i}") for i in range(1000)])
    assert vocab.warnings() == ""


def test_panel_shows_vocab_problems_once_next_to_the_table(panel: OptionsPanel) -> None:
    panel.set_options(JobOptions(vocab=[VocabEntry("one two three four five six seven")]))
    assert "6 words" in panel.vocab.warnings()
    assert "one two three" not in panel.validation_text()


# -- accessibility --------------------------------------------------------------------------

def test_every_control_has_an_accessible_name(panel: OptionsPanel) -> None:
    kinds = (QComboBox, QAbstractSpinBox, QSlider, QLineEdit, QListWidget, QTableWidget,
             QAbstractButton, QGroupBox)
    unnamed = []
    for widget in panel.findChildren(QWidget):
        if not isinstance(widget, kinds) or widget.objectName().startswith("qt_"):
            continue
        parent = widget.parentWidget()
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QTableWidget, QLineEdit)):
            continue  # internal parts of composite controls (editors, clear buttons)
        if isinstance(widget, QGroupBox) and not widget.isCheckable():
            continue
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not (widget.accessibleName() or text):
            unnamed.append(type(widget).__name__)
    assert unnamed == []
