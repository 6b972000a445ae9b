"""What the export dialog remembers across restarts, as one JSON value in the settings.

Reading is forgiving: a field that is missing, of the wrong type or out of range falls back to
its default (a hand-edited or older settings file never stops the dialog from opening).
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from smdesk.core.export.bundle import DEFAULT_TEMPLATE, check_template
from smdesk.core.export.choices import FORMATS, TIMESTAMP_MODES, ExportChoices
from smdesk.core.export.cues import PRESETS, SubtitleRules

CUSTOM = "custom"
_RULE_FIELDS = tuple(f.name for f in dataclasses.fields(SubtitleRules) if f.name not in
                     ("name", "label"))


@dataclass(frozen=True, slots=True)
class ExportPreferences:
    """The dialog's state: formats, choices, subtitle preset (or custom rules), folders.

    ``folder`` "" means next to each recording. ``translations`` None means all of them.
    ``auto_export``: when a job finishes, export it into ``auto_folder`` named by ``template``.
    """

    formats: tuple[str, ...] = ("docx", "srt")
    choices: ExportChoices = field(default_factory=ExportChoices)
    preset: str = "netflix"
    translations: tuple[str, ...] | None = None
    folder: str = ""
    auto_export: bool = False
    auto_folder: str = ""
    template: str = DEFAULT_TEMPLATE

    def to_json(self) -> str:
        rules = self.choices.subtitle_rules
        data: dict[str, Any] = {
            "formats": list(self.formats),
            "speaker_names": self.choices.speaker_names,
            "timestamps": self.choices.timestamps,
            "interval": self.choices.interval,
            "include_summary": self.choices.include_summary,
            "subtitle_speaker_labels": self.choices.subtitle_speaker_labels,
            "preset": self.preset,
            "custom_rules": {name: getattr(rules, name) for name in _RULE_FIELDS},
            "translations": None if self.translations is None else list(self.translations),
            "folder": self.folder,
            "auto_export": self.auto_export,
            "auto_folder": self.auto_folder,
            "template": self.template,
        }
        return json.dumps(data, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> ExportPreferences:
        default = cls()
        try:
            data = json.loads(text) if text else {}
        except (ValueError, RecursionError):
            return default
        if not isinstance(data, dict):
            return default
        preset = _pick(data, "preset", str, default.preset)
        if preset != CUSTOM and preset not in PRESETS:
            preset = default.preset
        rules = PRESETS.get(preset) or _custom_rules(data.get("custom_rules"))
        choices = _choices(data, rules)
        formats = tuple(f for f in _pick(data, "formats", list, []) if f in FORMATS)
        languages = data.get("translations")
        translations = (tuple(x for x in languages if isinstance(x, str))
                        if isinstance(languages, list) else None)
        template = _pick(data, "template", str, DEFAULT_TEMPLATE)
        try:
            check_template(template)
        except ValueError:
            template = DEFAULT_TEMPLATE
        return cls(formats=formats or default.formats, choices=choices, preset=preset,
                   translations=translations, folder=_pick(data, "folder", str, ""),
                   auto_export=_pick(data, "auto_export", bool, False),
                   auto_folder=_pick(data, "auto_folder", str, ""), template=template)


def _pick(data: Mapping[str, Any], name: str, kind: type, fallback: Any) -> Any:
    value = data.get(name)
    if kind is not bool and isinstance(value, bool):
        return fallback
    return value if isinstance(value, kind) else fallback


def _positive(value: object) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value) if math.isfinite(value) and value > 0 else None
    return None


def _choices(data: Mapping[str, Any], rules: SubtitleRules) -> ExportChoices:
    default = ExportChoices()
    timestamps = data.get("timestamps")
    interval = _positive(data.get("interval")) or default.interval
    return ExportChoices(
        speaker_names=_pick(data, "speaker_names", bool, default.speaker_names),
        timestamps=timestamps if timestamps in TIMESTAMP_MODES else default.timestamps,
        interval=interval,
        include_summary=_pick(data, "include_summary", bool, default.include_summary),
        subtitle_rules=rules,
        subtitle_speaker_labels=_pick(data, "subtitle_speaker_labels", bool, False),
    )


def _custom_rules(raw: object) -> SubtitleRules:
    base = SubtitleRules()
    if not isinstance(raw, dict):
        return base
    changes: dict[str, Any] = {}
    for name in _RULE_FIELDS:
        value, current = raw.get(name), getattr(base, name)
        if isinstance(value, bool) != isinstance(current, bool):
            continue
        if isinstance(current, (int, float)) and isinstance(value, (int, float)):
            changes[name] = type(current)(value) if math.isfinite(value) else current
        elif current is None and isinstance(value, (int, float)) and math.isfinite(value):
            changes[name] = float(value)
        elif value is None and name in ("max_cps", "max_wpm"):
            changes[name] = None
        elif isinstance(value, type(current)) and current is not None:
            changes[name] = value
    try:
        return dataclasses.replace(base, **changes)
    except (ValueError, TypeError):
        return base
