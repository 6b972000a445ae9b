"""smdesk.batch has the public surface of speechmatics-batch 1.1.0, checked with `inspect`.

Every name in the official ``__all__``, every public class of its modules, every dataclass field
(name, order, default, type) and every public method's parameters are compared with ours. Code
written for the official client must run here with only the import changed, so any difference
fails unless ALLOWED below names it.
"""

from __future__ import annotations

import dataclasses
import enum
import inspect
import types
import typing
from collections.abc import Iterator
from typing import Any

import pytest

official = pytest.importorskip("speechmatics.batch")

import smdesk.batch as ours  # noqa: E402

OFFICIAL_MODULES = ("_models", "_auth", "_exceptions", "_async_client", "_sync_client")
CONTEXT_METHODS = ("__init__", "__aenter__", "__aexit__", "__enter__", "__exit__")

# Deliberate improvements, each as narrow as it can be.
ALLOWED: dict[str, Any] = {
    # Tolerant parsing: real server output omits fields the official models require (expired
    # jobs, alternatives without confidence, a transcript without job), so ours give harmless
    # defaults. A call passing every field still means the same.
    "required_may_default": {
        "JobConfig", "JobDetailError", "JobDetails", "JobInfo", "Transcript",
        "RecognitionMetadata", "RecognitionDisplay", "RecognitionAlternative",
        "RecognitionResult", "WrittenFormRecognitionResult", "SpokenFormRecognitionResult",
    },
    "params_may_default": {
        # Streaming uploads: audio_file may be omitted for fetch_data jobs.
        "AsyncClient.submit_job.audio_file", "Client.submit_job.audio_file",
        # One constructor for every error: TransportError() works like the other errors.
        "TransportError.__init__.message",
    },
    # The official TypedDict-free, plain-dict annotations are narrower than ours on the way in:
    # config fields also take our typed models (SRTOverrides, SpeakerDiarizationConfig ...).
    # That is a superset, which the type check below accepts without listing it here.
}


def official_classes() -> Iterator[tuple[str, type]]:
    seen: set[str] = set()
    for name in official.__all__:
        obj = getattr(official, name)
        if inspect.isclass(obj):
            seen.add(name)
            yield name, obj
    for module_name in OFFICIAL_MODULES:
        module = getattr(official, module_name)
        for name, obj in vars(module).items():
            if (
                inspect.isclass(obj)
                and obj.__module__ == module.__name__
                and not name.startswith("_")
                and name not in seen
            ):
                seen.add(name)
                yield name, obj


CLASSES = dict(official_classes())


def ours_named(name: str) -> Any:
    assert hasattr(ours, name), f"smdesk.batch has no {name}"
    return getattr(ours, name)


def type_names(hint: Any) -> set[str]:
    """The class names an annotation admits: Optional[list[X]] -> {'NoneType', 'list', 'X'}."""
    if hint is Any:
        return {"Any"}
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return set().union(*(type_names(arg) for arg in typing.get_args(hint)))
    if origin is typing.Literal:
        return {type(arg).__name__ for arg in typing.get_args(hint)}
    if origin is not None:
        names = {getattr(origin, "__name__", str(origin))}
        for arg in typing.get_args(hint):
            names |= type_names(arg)
        return names
    return {getattr(hint, "__name__", str(hint))}


def same_default(official_default: Any, our_default: Any) -> bool:
    # Both clients mark "model not given" with a private bare object() sentinel.
    if type(official_default) is object and type(our_default) is object:
        return True
    if isinstance(official_default, enum.Enum):
        return isinstance(our_default, enum.Enum) and our_default.value == official_default.value
    return bool(official_default == our_default)


def has_default(f: dataclasses.Field[Any]) -> bool:
    return f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING


def test_every_official_name_is_exported() -> None:
    missing = [n for n in official.__all__ if n not in ours.__all__ or not hasattr(ours, n)]
    assert missing == []


def test_every_public_official_class_exists() -> None:
    assert [n for n in CLASSES if not hasattr(ours, n)] == []


@pytest.mark.parametrize("name", [n for n, c in CLASSES.items() if dataclasses.is_dataclass(c)])
def test_dataclass_fields_match(name: str) -> None:
    theirs_cls, ours_cls = CLASSES[name], ours_named(name)
    assert dataclasses.is_dataclass(ours_cls), f"{name} is not a dataclass"
    theirs = dataclasses.fields(theirs_cls)
    mine = [f for f in dataclasses.fields(ours_cls) if f.init and not f.kw_only]
    assert [f.name for f in mine[: len(theirs)]] == [f.name for f in theirs], "field order"
    assert all(has_default(f) for f in mine[len(theirs) :]), "added fields need defaults"
    # localns={}: a field named `type` must not shadow the builtin in string annotations.
    their_hints = typing.get_type_hints(theirs_cls, localns={})
    our_hints = typing.get_type_hints(ours_cls, localns={})
    for t, m in zip(theirs, mine, strict=False):
        if has_default(t):
            assert has_default(m), f"{name}.{t.name} lost its default"
            if t.default is not dataclasses.MISSING:
                assert same_default(t.default, m.default), f"{name}.{t.name} default"
        elif has_default(m):
            assert name in ALLOWED["required_may_default"], f"{name}.{t.name} is required"
        missing = type_names(their_hints[t.name]) - type_names(our_hints[m.name]) - {"Any"}
        assert not missing, f"{name}.{t.name} does not admit {missing}"


@pytest.mark.parametrize("name", [n for n, c in CLASSES.items() if issubclass(c, enum.Enum)])
def test_enum_members_match(name: str) -> None:
    theirs = {m.name: m.value for m in CLASSES[name]}
    mine = {m.name: m.value for m in ours_named(name)}
    assert {k: mine.get(k) for k in theirs} == theirs


@pytest.mark.parametrize("name", [n for n, c in CLASSES.items() if issubclass(c, BaseException)])
def test_exception_hierarchy_matches(name: str) -> None:
    for base in CLASSES[name].__mro__[1:]:
        if base.__name__ in CLASSES:
            assert issubclass(ours_named(name), ours_named(base.__name__)), base.__name__


def public_methods(cls: type) -> Iterator[str]:
    """Public methods the official package defines itself (not those inherited from builtins)."""
    for name, member in inspect.getmembers(cls):
        if not (name in CONTEXT_METHODS or not name.startswith("_")):
            continue
        owner = next((k for k in cls.__mro__ if name in vars(k)), object)
        if inspect.isroutine(member) and owner.__module__.startswith("speechmatics."):
            yield name


METHODS = [
    (cls_name, method)
    for cls_name, cls in CLASSES.items()
    if not dataclasses.is_dataclass(cls) and not issubclass(cls, enum.Enum)
    for method in public_methods(cls)
]


@pytest.mark.parametrize(("cls_name", "method"), METHODS)
def test_method_parameters_match(cls_name: str, method: str) -> None:
    theirs_fn = getattr(CLASSES[cls_name], method)
    mine_fn = getattr(ours_named(cls_name), method, None)
    assert mine_fn is not None, f"{cls_name}.{method} is missing"
    their_sig, our_sig = inspect.signature(theirs_fn), inspect.signature(mine_fn)
    P = inspect.Parameter  # noqa: N806 - reads like the class
    positional = (P.POSITIONAL_ONLY, P.POSITIONAL_OR_KEYWORD)
    t_pos = [p for p in their_sig.parameters.values() if p.kind in positional]
    m_pos = [p for p in our_sig.parameters.values() if p.kind in positional]
    m_params = our_sig.parameters
    assert [p.name for p in m_pos[: len(t_pos)]] == [p.name for p in t_pos], "positional order"
    assert all(p.default is not P.empty for p in m_pos[len(t_pos) :]), "added positionals"
    for t in their_sig.parameters.values():
        where = f"{cls_name}.{method}.{t.name}"
        if t.kind is P.VAR_POSITIONAL:
            assert any(p.kind is P.VAR_POSITIONAL for p in m_params.values()), f"{where}: *args"
            continue
        if t.kind is P.VAR_KEYWORD:
            continue  # only builtins' generic (*args, **kwargs); Exception takes no kwargs
        m = m_params.get(t.name)
        assert m is not None and m.kind is not P.POSITIONAL_ONLY, f"{where} is missing"
        if t.default is P.empty:
            if m.default is not P.empty:
                assert where in ALLOWED["params_may_default"], f"{where} must be required"
        else:
            assert m.default is not P.empty and same_default(t.default, m.default), where
    for m in m_params.values():
        if m.name not in their_sig.parameters and m.kind is P.KEYWORD_ONLY:
            assert m.default is not P.empty, f"added {cls_name}.{method}.{m.name} needs a default"


EXCEPTIONS = [n for n, c in CLASSES.items() if issubclass(c, BaseException)]
CALLS: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    ((), {}),
    (("a",), {}),
    (("a", "b"), {}),
    (("a",), {"status_code": 503}),
]


@pytest.mark.parametrize("name", EXCEPTIONS)
def test_exceptions_take_the_official_arguments(name: str) -> None:
    """Every call the official constructor accepts works here and gives the same args/str."""
    tried = 0
    for args, kwargs in CALLS:
        try:
            theirs = CLASSES[name](*args, **kwargs)
        except TypeError:
            continue
        mine = ours_named(name)(*args, **kwargs)
        tried += 1
        assert str(mine) == str(theirs)
        assert mine.args[: len(theirs.args)] == theirs.args or theirs.args == ()
        assert getattr(mine, "status_code", None) == kwargs.get("status_code")
    assert tried >= 2


def test_errors_keep_status_code_and_request_id() -> None:
    error = ours.JobError("Job gone", status_code=404, request_id="req-1")
    assert (error.message, error.status_code, error.request_id) == ("Job gone", 404, "req-1")
    assert isinstance(ours.TransportError(), ours.BatchError)
