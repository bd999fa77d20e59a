"""Configuration: ``[tool.vrlint]`` in pyproject.toml or a ``.vrlint.toml``.

Found by walking up from the linted file; the nearest file that configures
vrlint wins (a pyproject.toml without ``[tool.vrlint]`` is skipped). Keys::

    select = ["VR4"]                # codes or prefixes; default: the default set
    ignore = ["VR304"]
    extend-select = ["VR408"]       # added to select (or to the default set)
    placeholders = ["TBD", "xxx"]   # shared rule options, read by the rules
    checkmarks = ["✓", "✗"]
    allowed-hosts = ["github.com"]
    column-roles = { "Model" = "code" }
    exclude = ["docs/archive/*"]    # files a directory or glob argument skips (fnmatch)
    include = ["*.md"]              # ...or the only ones it keeps

    [format]                          # [tool.vrlint.format] in pyproject
    style = "preserve"                # preserve | aligned | compact | auto
    max-width = 160

    [rules.VR501]                     # per-rule options, by code or name
    placeholders = ["TBD"]

Any other key is an error: a typo in a config file must not silently
disable a check. A ``[rules.X]`` section takes the rule's own options (``vrlint
rule X``) and the shared ones above, each of the type of its default;
``select = []`` is an error (it would check nothing). The search stops at the
directory holding ``.git``.

Selection follows ruff: without ``select`` the default set runs (rules whose
``default`` flag is true: defects, not style). A prefix (``VR4``) picks the
default rules under it; a full code (``VR408``) or ``ALL`` also picks rules
that are off by default.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vrlint.rules.base import Rule


class ConfigError(Exception):
    """A configuration file that vrlint cannot use (exit code 2); one line."""

    def __str__(self) -> str:
        from vrlint.text.chars import escape_controls

        return escape_controls(super().__str__())


_LIST_KEYS = ("select", "ignore", "extend-select", "extend-ignore")
_SHARED_OPTIONS = {
    "placeholders": list,
    "extend-placeholders": list,
    "checkmarks": list,
    "allowed-hosts": list,
    "https-hosts": list,
    "column-roles": dict,
    "exclude": list,
    "include": list,
}
_FORMAT_KEYS = {"style": str, "max-width": int, "checkmarks": list}
_STYLES = ("preserve", "aligned", "compact", "auto")
_ROLES = (
    "title", "paper", "model", "code", "checkpoint", "dataset", "link",
    "detail", "venue", "time", "modality", "status", "other",
)  # fmt: skip


def _norm(key: str) -> str:
    return key.replace("_", "-").lower()


#: ``select = ["ALL"]``: every rule, the ones off by default too
ALL = "ALL"


@dataclass
class Config:
    #: None: the default set; else codes, prefixes or ALL
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    format_style: str = "preserve"
    max_width: int = 160
    source: Path | None = None

    # -- selection ---------------------------------------------------------
    def is_enabled(self, code: str, default: bool = True) -> bool:
        """Whether the rule ``code`` runs; ``default`` is its ``Rule.default`` flag."""
        if _matches(code, self.ignore):
            return False
        patterns = [*(self.select if self.select is not None else []), *self.extend_select]
        if _picks(code, patterns, default):
            return True
        return self.select is None and default

    def reaches(self, prefix: str) -> bool:
        """Whether a rule whose code starts with ``prefix`` may run: decides which rule
        modules a run imports (a wrong yes costs an import, never a finding)."""
        if _matches(prefix, self.ignore):
            return False
        if self.select is None:
            return True
        return any(overlaps(p, prefix) for p in [*self.select, *self.extend_select])

    def rule_option(self, rule: Rule, key: str) -> Any:
        key = _norm(key)
        for name in (rule.code, rule.name):
            section = self.rule_options.get(name.lower())
            if section and key in section:
                return section[key]
        return self.options.get(key)

    @property
    def column_roles(self) -> dict[str, str]:
        roles = self.options.get("column-roles")
        return dict(roles) if roles else {}

    @property
    def checkmarks(self) -> tuple[str, str] | None:
        pair = self.options.get("checkmarks")
        return (pair[0], pair[1]) if pair else None

    def with_selection(
        self, select: list[str] | None, ignore: list[str] | None, extend_select: list[str] | None = None
    ) -> Config:
        """Command-line ``--select``/``--extend-select``/``--ignore`` on top of the file
        (``--select`` replaces the file's ``select`` and ``extend-select``)."""
        copy = Config(
            select=list(select) if select else (list(self.select) if self.select is not None else None),
            extend_select=(list(self.extend_select) if not select else []) + list(extend_select or []),
            ignore=list(self.ignore) + list(ignore or []),
            options=self.options,
            rule_options=self.rule_options,
            format_style=self.format_style,
            max_width=self.max_width,
            source=self.source,
        )
        return copy


def overlaps(pattern: str, prefix: str) -> bool:
    """Whether the selection ``pattern`` (a code, a prefix, ALL) may name a code starting with ``prefix``."""
    wanted, upper = pattern.upper(), prefix.upper()
    return wanted == ALL or wanted.startswith(upper) or upper.startswith(wanted)


def _matches(code: str, patterns: list[str]) -> bool:
    upper = code.upper()
    return any(upper.startswith(p.upper()) for p in patterns)


def _picks(code: str, patterns: list[str], default: bool) -> bool:
    """A selection picks a rule by its full code or ALL; by a prefix only if it is a default rule."""
    upper = code.upper()
    for pattern in patterns:
        wanted = pattern.upper()
        if wanted == ALL or wanted == upper or (default and upper.startswith(wanted)):
            return True
    return False


def validate_codes(patterns: list[str], known: list[str], where: str) -> None:
    for pattern in patterns:
        if pattern.upper() == ALL:
            continue
        if not pattern.upper().startswith("VR") or not any(
            code.upper().startswith(pattern.upper()) for code in known
        ):
            raise ConfigError(f"{where}: {pattern!r} matches no rule code (see `vrlint rules`)")


def validate_rule_names(config: Config, rules: list[Rule]) -> None:
    """select/ignore and [rules.X] sections must name real rules: a typo must
    not silently turn every check off."""
    where = str(config.source) if config.source else "config"
    codes = [r.code for r in rules]
    validate_codes(config.select or [], codes, f"{where}: select")
    validate_codes(config.extend_select, codes, f"{where}: extend-select")
    validate_codes(config.ignore, codes, f"{where}: ignore")
    by_name = {r.code.lower(): r for r in rules} | {r.name: r for r in rules}
    for name, section in config.rule_options.items():
        found = by_name.get(name)
        if found is None:
            raise ConfigError(f"{where}: [rules.{name}] names no rule (see `vrlint rules`)")
        for key, value in section.items():
            if key in found.options:
                if not _same_kind(value, found.options[key]):
                    kind = _kind_name(found.options[key])
                    raise ConfigError(f"{where}: rules.{found.code}.{key} must be {kind}")
            elif key not in _SHARED_OPTIONS:
                own = ", ".join(found.options) or "none"
                raise ConfigError(
                    f"{where}: rules.{found.code}: unknown key {key!r} (options of {found.code}: {own}; "
                    f"shared: {', '.join(_SHARED_OPTIONS)})"
                )


def _same_kind(value: Any, default: Any) -> bool:
    """Whether a configured ``value`` has the type of the rule's default."""
    if default is None:
        return True
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, int | float):
        return isinstance(value, int | float) and not isinstance(value, bool)
    if isinstance(default, list):
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, type(default))


def _kind_name(default: Any) -> str:
    if isinstance(default, bool):
        return "true or false"
    if isinstance(default, int | float):
        return "a number"
    if isinstance(default, list):
        return "a list of strings"
    return f"a {type(default).__name__}"


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest ``.vrlint.toml`` or ``pyproject.toml`` with ``[tool.vrlint]``.

    The search stops at the repository root (the directory holding ``.git``),
    as ruff's does: a configuration above the repository belongs to someone
    else's project.
    """
    directory = start if start.is_dir() else start.parent
    directory = directory.resolve()
    for folder in (directory, *directory.parents):
        dotfile = folder / ".vrlint.toml"
        if dotfile.is_file():
            return dotfile, _load(dotfile)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            section = _tool_section(_load(pyproject), pyproject)
            if section is not None:
                return pyproject, section
        if (folder / ".git").exists():
            break
    return None


def _tool_section(data: dict[str, Any], path: Path) -> dict[str, Any] | None:
    """``[tool.vrlint]`` of a pyproject.toml, or None when it has none."""
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: tool must be a table")
    section = tool.get("vrlint")
    if section is not None and not isinstance(section, dict):
        raise ConfigError(f"{path}: [tool.vrlint] must be a table")
    return section


def _load(path: Path) -> dict[str, Any]:
    import tomllib  # only when a configuration file exists

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror}") from None


def load_config(start: Path | None = None, explicit: Path | None = None) -> Config:
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"{explicit}: no such config file")
        data = _load(explicit)
        if explicit.name == "pyproject.toml":
            data = _tool_section(data, explicit) or {}
        return parse_config(data, explicit)
    found = find_config(start or Path.cwd())
    if found is None:
        return Config()
    return parse_config(found[1], found[0])


def parse_config(data: dict[str, Any], source: Path | None = None) -> Config:
    where = str(source) if source else "config"
    config = Config(source=source)
    for raw_key, value in data.items():
        key = _norm(raw_key)
        if key in _LIST_KEYS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{where}: {raw_key} must be a list of rule codes or prefixes")
            if key == "select":
                if not value:
                    raise ConfigError(
                        f"{where}: select = [] would check nothing; remove it to run the default rules, "
                        "or list the codes to check"
                    )
                config.select = list(value)
            elif key == "extend-select":
                config.extend_select = [*config.extend_select, *value]
            else:
                config.ignore = [*config.ignore, *value]
        elif key in _SHARED_OPTIONS:
            expected = _SHARED_OPTIONS[key]
            if not isinstance(value, expected):
                raise ConfigError(f"{where}: {raw_key} must be a {expected.__name__}")
            if expected is list and not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{where}: {raw_key} must be a list of strings")
            if key == "checkmarks" and (len(value) != 2 or not all(isinstance(v, str) and v for v in value)):
                raise ConfigError(f'{where}: checkmarks must be a pair like ["✓", "✗"]')
            if key == "column-roles":
                for header, role in value.items():
                    if role not in _ROLES:
                        raise ConfigError(
                            f"{where}: column-roles: {header!r} has unknown role {role!r} "
                            f"(one of {', '.join(_ROLES)})"
                        )
            config.options[key] = value
        elif key == "format":
            _parse_format(value, config, where)
        elif key == "rules":
            if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
                raise ConfigError(f"{where}: [rules] must hold one table per rule code or name")
            config.rule_options = {
                name.lower(): {_norm(k): v for k, v in section.items()} for name, section in value.items()
            }
            for name, section in config.rule_options.items():
                for key, item in section.items():
                    expected_type = _SHARED_OPTIONS.get(key)
                    if expected_type is not None and not isinstance(item, expected_type):
                        raise ConfigError(f"{where}: rules.{name}.{key} must be a {expected_type.__name__}")
                    if isinstance(item, list) and not all(isinstance(v, str) for v in item):
                        raise ConfigError(f"{where}: rules.{name}.{key} must be a list of strings")
        elif key.startswith("online-"):
            _parse_online(key, raw_key, value, config, where)
        else:
            raise ConfigError(f"{where}: unknown key {raw_key!r}")
    return config


def _parse_online(key: str, raw_key: str, value: Any, config: Config, where: str) -> None:
    """``online-*`` keys, documented in :mod:`vrlint.online.options`."""
    from vrlint.online.options import CONFIG_KEYS

    spec = CONFIG_KEYS.get(key)
    if spec is None:
        raise ConfigError(f"{where}: unknown key {raw_key!r} (online keys: {', '.join(CONFIG_KEYS)})")
    expected = spec[0]
    ok = isinstance(value, expected) or (expected is float and isinstance(value, int))
    if not ok or isinstance(value, bool):
        raise ConfigError(f"{where}: {raw_key} must be a {expected.__name__}")
    config.options[key] = value


def _parse_format(value: Any, config: Config, where: str) -> None:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: [format] must be a table")
    for raw_key, item in value.items():
        key = _norm(raw_key)
        expected = _FORMAT_KEYS.get(key)
        if expected is None:
            raise ConfigError(f"{where}: unknown key format.{raw_key}")
        if not isinstance(item, expected) or isinstance(item, bool):
            raise ConfigError(f"{where}: format.{raw_key} must be a {expected.__name__}")
        if key == "style":
            if item not in _STYLES:
                raise ConfigError(f"{where}: format.style must be one of {', '.join(_STYLES)}")
            config.format_style = item
        elif key == "max-width":
            assert isinstance(item, int)
            if item < 20:
                raise ConfigError(f"{where}: format.max-width must be at least 20")
            config.max_width = item
        else:
            if not isinstance(item, list) or len(item) != 2 or not all(isinstance(v, str) and v for v in item):
                raise ConfigError(f"{where}: format.checkmarks must be a pair like [\"✓\", \"✗\"]")
            config.options["checkmarks"] = item
