"""Configuration discovery and parsing, glob matching, and the select/ignore semantics."""

from __future__ import annotations

from pathlib import Path

import pytest

from shapelint.config import Config, ConfigError, ConfigResolver, PathPattern, load_config
from shapelint.selection import Selection, parse_codes


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


# --- finding the configuration -------------------------------------------------------------------


def test_nearest_pyproject_with_a_shapelint_table_wins(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.shapelint]\nselect = ["SL001"]\n')
    # A pyproject.toml without [tool.shapelint] is passed over, as ruff passes over one without [tool.ruff].
    write(tmp_path / "pkg" / "pyproject.toml", '[project]\nname = "pkg"\n')
    target = write(tmp_path / "pkg" / "sub" / "mod.py", "")
    config = ConfigResolver(cwd=tmp_path).for_path(target)
    assert config.select == ("SL001",)
    assert config.root == tmp_path
    assert config.source == tmp_path / "pyproject.toml"


def test_no_configuration_means_defaults_rooted_at_the_current_folder(tmp_path):
    target = write(tmp_path / "mod.py", "")
    config = ConfigResolver(cwd=tmp_path).for_path(target)
    assert config == Config(root=tmp_path)


def test_explicit_config_file(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.shapelint]\nselect = ["SL001"]\n')
    other = write(tmp_path / "conf" / "shapelint.toml", 'ignore = ["sl002"]\n')
    config = ConfigResolver(other, cwd=tmp_path).for_path(tmp_path / "x.py")
    assert config.select is None and config.ignore == ("SL002",)
    assert config.root == tmp_path / "conf"
    named = write(tmp_path / "conf" / "pyproject.toml", '[tool.shapelint]\nignore = ["SL003"]\n')
    assert load_config(named).ignore == ("SL003",)


def test_missing_explicit_config_file(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        ConfigResolver(tmp_path / "nope.toml")


@pytest.mark.parametrize(
    "body, message",
    [
        ('selct = ["SL001"]', "unknown key `selct` (did you mean `select`?"),
        ('select = ["SL999"]', "unknown rule code or prefix 'SL999'"),
        ('ignore = ["E501"]', "unknown rule code or prefix 'E501'"),
        ('select = "SL001"', "`select` must be a list of strings"),
        ("exclude = [1]", "`exclude` must be a list of strings"),
        ('per-file-ignores = ["x"]', "`per-file-ignores` must be a table"),
        ('[tool.shapelint.per-file-ignores]\n"tests/*" = ["XX1"]', "unknown rule code or prefix 'XX1'"),
        ("select = [", "invalid TOML"),
    ],
)
def test_bad_configuration_is_a_clear_error(tmp_path, body, message):
    path = write(tmp_path / "pyproject.toml", "[tool.shapelint]\n" + body + "\n")
    with pytest.raises(ConfigError) as info:
        ConfigResolver(cwd=tmp_path).for_path(tmp_path / "x.py")
    assert message in str(info.value)
    assert str(path) in str(info.value)


def test_prefixes_must_match_a_rule():
    assert parse_codes(["SL00", "sl", "SL001,SL002 SL003"], where="x") == ("SL00", "SL", "SL001", "SL002", "SL003")
    with pytest.raises(ValueError, match="did you mean SL001"):
        parse_codes(["SL0001"], where="--select")


# --- globs ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "pattern, path, matches",
    [
        ("tests/*.py", "tests/a.py", True),
        ("tests/*.py", "tests/sub/a.py", False),
        ("tests/**/*.py", "tests/a.py", True),
        ("tests/**/*.py", "tests/sub/deep/a.py", True),
        ("**/fixtures", "a/b/fixtures", True),
        ("**/fixtures", "fixtures", True),
        ("gen_?.py", "gen_1.py", True),
        ("gen_[0-9].py", "gen_x.py", False),
        ("gen_[!0-9].py", "gen_x.py", True),
        ("./build/", "build", True),
        ("a.b", "aXb", False),
    ],
)
def test_glob(pattern, path, matches):
    assert PathPattern.compile(pattern).glob.match(path) is matches


def test_exclude_matches_relative_paths_and_names(tmp_path):
    config = Config(
        root=tmp_path, exclude=tuple(PathPattern.compile(p) for p in ["generated/*.py", "fixtures", str(tmp_path / "abs")])
    )
    assert config.is_excluded(tmp_path / "generated" / "x.py")
    assert not config.is_excluded(tmp_path / "src" / "generated" / "x.py")  # relative to the root
    assert config.is_excluded(tmp_path / "deep" / "fixtures")  # by name, anywhere
    assert config.is_excluded(tmp_path / "abs")
    assert not config.is_excluded(tmp_path / "src" / "x.py")


def test_per_file_ignores(tmp_path):
    write(
        tmp_path / "pyproject.toml",
        '[tool.shapelint.per-file-ignores]\n"tests/**/*.py" = ["SL001"]\n"__init__.py" = ["SL00"]\n',
    )
    config = ConfigResolver(cwd=tmp_path).for_path(tmp_path)
    assert config.ignores_for(tmp_path / "tests" / "unit" / "test_a.py") == ("SL001",)
    assert config.ignores_for(tmp_path / "pkg" / "__init__.py") == ("SL00",)
    assert config.ignores_for(tmp_path / "pkg" / "mod.py") == ()


# --- selection ------------------------------------------------------------------------------------

ALL = {f"SL{i:03d}" for i in range(12)}


def enabled(**kwargs) -> set[str]:
    return set(Selection.resolve(**kwargs).enabled_codes())


def test_everything_is_on_by_default():
    assert enabled() == ALL


def test_the_more_specific_prefix_wins_and_ignore_wins_ties():
    assert enabled(config_select=("SL",), config_ignore=("SL00",)) == {"SL000", "SL010", "SL011"}
    assert enabled(config_select=("SL001",), config_ignore=("SL00",)) == {"SL000", "SL001"}
    assert enabled(config_select=("SL001",), config_ignore=("SL001",)) == {"SL000"}


def test_cli_select_replaces_and_cli_ignore_adds():
    config = dict(config_select=("SL001", "SL002"), config_ignore=("SL002",))
    assert enabled(**config) == {"SL000", "SL001"}
    assert enabled(**config, select=("SL003",)) == {"SL000", "SL003"}
    assert enabled(**config, ignore=("SL001",)) == {"SL000"}


def test_syntax_errors_are_always_reported():
    assert "SL000" in Selection.resolve(select=("SL001",), ignore=("SL000",)).enabled_codes()


def test_per_file_ignores_beat_any_select():
    selection = Selection.resolve(select=("SL001",))
    assert selection.enabled_codes(("SL",)) == {"SL000"}


def test_rank_1_mode_from_the_configuration_and_the_command_line(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from shapelint.cli import main

    monkeypatch.chdir(tmp_path)
    write(tmp_path / "lone.py", "import numpy as np\nv = np.zeros(3)\nw = 2 * v\n")
    runner = CliRunner()

    def codes(*args: str) -> str:
        return runner.invoke(main, ["check", "--no-cache", "--quiet", *args, "lone.py"]).output

    assert "SL001" not in codes()
    assert "SL001" in codes("--rank-1", "all")
    write(tmp_path / "pyproject.toml", '[tool.shapelint]\nrank-1 = "all"\n')
    assert "SL001" in codes()
    assert "SL001" not in codes("--rank-1", "hazards")
    write(tmp_path / "pyproject.toml", '[tool.shapelint]\nrank-1 = "some"\n')
    bad = runner.invoke(main, ["check", "--no-cache", "lone.py"])
    assert bad.exit_code == 2 and "`rank-1` must be one of 'hazards', 'all'" in bad.output
