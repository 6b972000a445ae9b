"""Tolerant dict <-> dataclass conversion shared by the config and result models.

The server echoes configs back and adds fields over time, so `from_dict` ignores nothing silently:
unknown keys are kept in ``extra`` (and written back by `to_dict`), nulls mean "not set", and a
missing required field gets a harmless default instead of a crash.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from enum import Enum
from typing import Any, ClassVar, Self, TypeVar

E = TypeVar("E", bound=Enum)

# Aliases for the class-level tables (a field named `type` shadows the builtin in class bodies).
NestedMap = Mapping[str, "type[WireModel]"]
EnumMap = Mapping[str, type[Enum]]


def to_wire(value: Any) -> Any:
    """Convert models, enums and containers to plain JSON-ready values, dropping None entries."""
    if isinstance(value, WireModel):
        return value.to_dict()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(k): to_wire(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [to_wire(v) for v in value]
    return value


def coerce_enum(enum_type: type[E], value: Any) -> E | Any:
    """`enum_type(value)` when valid, else the raw value (new server values must not crash us)."""
    try:
        return enum_type(value)
    except ValueError:
        return value


@dataclasses.dataclass
class WireModel:
    """Base for the API's JSON objects."""

    # Keys the server sent that this model does not know; written back unchanged by to_dict().
    extra: dict[str, Any] = dataclasses.field(
        default_factory=dict, kw_only=True, repr=False, compare=False
    )

    # Per subclass: nested model type per field, list-valued fields, enum fields, and values
    # used when the server omits a field our constructor requires.
    _nested: ClassVar[NestedMap] = {}
    _lists: ClassVar[frozenset[str]] = frozenset()
    _enums: ClassVar[EnumMap] = {}
    _required_defaults: ClassVar[Mapping[str, Any]] = {}

    def __repr__(self) -> str:
        """Only the fields that are set, so logged configs stay readable."""
        shown = ", ".join(
            f"{f.name}={getattr(self, f.name)!r}"
            for f in dataclasses.fields(self)
            if f.repr and getattr(self, f.name) is not None
        )
        return f"{type(self).__name__}({shown})"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if f.name != "extra" and value is not None:
                out[f.name] = to_wire(value)
        for key, value in self.extra.items():
            if value is not None:
                out.setdefault(key, to_wire(value))
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Self:
        data = data if isinstance(data, Mapping) else {}
        known, required = _field_names(cls)
        kwargs: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for key, value in data.items():
            if key not in known:
                extra[key] = value
            elif value is not None:
                kwargs[key] = cls._convert(key, value)
        for name in required:
            if name not in kwargs:
                kwargs[name] = cls._required_defaults.get(name)
        return cls(**kwargs, extra=extra)

    @classmethod
    def _convert(cls, key: str, value: Any) -> Any:
        nested = cls._nested.get(key)
        if key in cls._lists and not isinstance(value, list):
            value = [value]
        if nested is not None:
            if isinstance(value, list):
                return [nested.from_dict(v) if isinstance(v, Mapping) else v for v in value]
            return nested.from_dict(value) if isinstance(value, Mapping) else value
        enum_type = cls._enums.get(key)
        if enum_type is not None:
            if isinstance(value, list):
                return [coerce_enum(enum_type, v) for v in value]
            return coerce_enum(enum_type, value)
        return value


_FIELD_NAMES: dict[type, tuple[frozenset[str], tuple[str, ...]]] = {}


def _field_names(cls: type[WireModel]) -> tuple[frozenset[str], tuple[str, ...]]:
    """(settable field names, those without a default) of a model class, computed once."""
    cached = _FIELD_NAMES.get(cls)
    if cached is None:
        fields = [f for f in dataclasses.fields(cls) if f.init and f.name != "extra"]
        required = tuple(
            f.name
            for f in fields
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        )
        cached = _FIELD_NAMES[cls] = (frozenset(f.name for f in fields), required)
    return cached
