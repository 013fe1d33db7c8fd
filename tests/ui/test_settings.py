"""User settings and remembered state: defaults, bad files ignored with a reason, atomic writes."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.config import Settings, config_path, load_settings, parse_settings
from reader.state import MAX_POSITIONS, Position, State, load_state, save_state, state_path


def test_missing_config_gives_defaults() -> None:
    assert load_settings() == Settings()


def test_config_is_read_from_the_xdg_config_dir(tmp_path: Path) -> None:
    assert config_path().is_relative_to(tmp_path)
    config_path().parent.mkdir(parents=True)
    config_path().write_text(
        'theme = "light"\nmeasure = 30\ncorner_quotes = true\n[keymap]\n"reader.quit" = "x"\n',
        encoding="utf-8",
    )
    loaded = load_settings()
    assert loaded.theme == "light" and loaded.textual_theme == "textual-light"
    assert loaded.measure == 30 and loaded.corner_quotes
    assert loaded.keymap == {"reader.quit": "x"}
    assert loaded.problems == ()


def test_bad_toml_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("theme = [", encoding="utf-8")
    loaded = load_settings(path)
    assert loaded.theme == "dark"
    assert loaded.problems and "TOML" in loaded.problems[0]


def test_wrong_types_and_unknown_keys_are_reported() -> None:
    loaded = parse_settings({"measure": True, "strict": "yes", "colour": "red", "keymap": [1]})
    assert loaded.measure == Settings().measure
    assert not loaded.strict
    assert len(loaded.problems) == 4


def test_measure_is_clamped() -> None:
    assert parse_settings({"measure": 1000}).measure == 120
    assert parse_settings({"measure": 1}).measure == 10


def test_script_must_be_one_of_the_three() -> None:
    assert parse_settings({"script": "traditional"}).script == "traditional"
    wrong = parse_settings({"script": "klingon"})
    assert wrong.script == "source"
    assert wrong.problems == (
        "script must be one of source, simplified, traditional, not 'klingon'",
    )
    assert parse_settings({"script": 1}).script == "source"


def test_state_round_trip() -> None:
    state = State().with_position("a", Position(3, 12)).with_position("b", Position(0))
    assert save_state(state) is None
    loaded = load_state()
    assert loaded.last_article == "b"
    assert loaded.positions == {"a": Position(3, 12), "b": Position(0)}
    assert state_path().exists()
    assert not list(state_path().parent.glob("*.tmp"))


def test_reading_an_article_again_moves_it_to_the_end() -> None:
    state = State().with_position("a", Position(1)).with_position("b", Position(2))
    state = state.with_position("a", Position(5))
    assert list(state.positions) == ["b", "a"]
    assert state.last_article == "a"


def test_positions_are_bounded() -> None:
    state = State()
    for n in range(MAX_POSITIONS + 10):
        state = state.with_position(str(n), Position(n))
    assert len(state.positions) == MAX_POSITIONS
    assert str(MAX_POSITIONS + 9) in state.positions and "0" not in state.positions


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=200))
def test_any_state_file_content_loads_without_raising(content: bytes) -> None:
    path = state_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    loaded = load_state(path)
    assert isinstance(loaded, State)


def test_damaged_state_gives_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text(json.dumps({"last_article": 5}), encoding="utf-8")
    loaded = load_state(path)
    assert loaded.last_article is None
    assert loaded.notice and "state" in loaded.notice


def test_unwritable_state_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    problem = save_state(State(last_article="a"), blocker / "state.json")
    assert problem and "Could not save" in problem
