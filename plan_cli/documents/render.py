"""Rendering documents from Jinja templates: the environment, its filters and located errors.

Every template, shipped or the user's, runs in Jinja's sandbox: a template
shared between forces can read the plan it is given but reach nothing else
(no ``cycler.__init__.__globals__``, no ``os``).

Shipped templates are package data of ``plan_cli.templates`` (read through
importlib.resources, so they work from a wheel); a user's template is read by
path (as every named file is: see :mod:`plan_cli.basics.files`), and the
templates beside it can be included. Undefined variables are
errors (StrictUndefined), reported as ``template:line: message``. HTML
templates (``.html``/``.htm``, with or without ``.j2``) are autoescaped.

The filters that make plan text safe in each kind of document are in
:mod:`plan_cli.documents.filters`.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import traceback
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import jinja2.sandbox

from plan_cli.basics.errors import TemplateError, UsageError
from plan_cli.basics.files import FileKind, Unreadable, read_bytes, read_text
from plan_cli.basics.user_cache import cache_folder, is_private, make_private, read_entry
from plan_cli.basics.wording import expected_words, first_sentence, long_date, plural
from plan_cli.documents.filters import (
    csv_row,
    days_text,
    html_lines,
    markdown_cell,
    markdown_inline,
    markdown_text,
    mermaid_text,
    status_words,
)

SHIPPED_PACKAGE = "plan_cli.templates"
SHIPPED = (
    "report.md.j2",
    "draft.md.j2",
    "plan.md.j2",
    "plan.html.j2",
    "plan.fragment.html.j2",
    "national.md.j2",
    "national.html.j2",
    "national.csv.j2",
    "national-forces.csv.j2",
)
_HTML_SUFFIXES = (".html", ".htm", ".html.j2", ".htm.j2", ".xhtml", ".xhtml.j2")


class ShippedLoader(jinja2.BaseLoader):
    """Loads the templates installed with the package (package data of plan_cli.templates)."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        """Return the shipped template's text; its 'file name' in messages is the template name."""
        if "/" in template or "\\" in template or not template.endswith(".j2"):
            raise jinja2.TemplateNotFound(template)
        resource = resources.files(SHIPPED_PACKAGE).joinpath(template)
        if not resource.is_file():
            raise jinja2.TemplateNotFound(template)
        return resource.read_text(encoding="utf-8"), template, lambda: True

    def list_templates(self) -> list[str]:
        """The names of the shipped templates."""
        return sorted(
            entry.name for entry in resources.files(SHIPPED_PACKAGE).iterdir() if entry.name.endswith(".j2")
        )


class UserCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept in the user's cache folder, so a document is not compiled on every run.

    A cache that cannot be read or written is skipped without a word: it only
    saves time. The key covers everything that changes the compiled code (the
    environment's class and options, its filters and tests, the versions of
    Jinja and of this tool) besides the template's name, file and text, so a
    sandboxed environment never runs code compiled for another.
    """

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))
        self.folder = folder

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> jinja2.bccache.Bucket:
        """Return the cache bucket for a template, keyed also by how ``environment`` compiles."""
        from plan_cli import __version__

        settings = (
            type(environment).__module__,
            type(environment).__qualname__,
            environment.sandboxed,
            environment.is_async,
            environment.optimized,
            environment.autoescape(name) if callable(environment.autoescape) else environment.autoescape,
            environment.trim_blocks,
            environment.lstrip_blocks,
            environment.keep_trailing_newline,
            environment.newline_sequence,
            environment.block_start_string,
            environment.variable_start_string,
            environment.comment_start_string,
            environment.line_statement_prefix,
            sorted(environment.filters),
            sorted(environment.tests),
            jinja2.__version__,
            __version__,
            name,
            filename,
        )
        key = hashlib.sha256(repr(settings).encode("utf-8", "surrogateescape")).hexdigest()
        bucket = jinja2.bccache.Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Fill ``bucket`` from the cache when every folder of the cache is safe and the entry is a regular file.

        The entry is opened without blocking and without following a link (see
        :func:`plan_cli.basics.user_cache.read_entry`): a FIFO there is passed over.
        """
        if not is_private(self.folder):
            return
        kept = read_entry(Path(self._get_cache_filename(bucket)))
        if kept is None:
            return
        try:
            bucket.load_bytecode(io.BytesIO(kept))
        except Exception:  # a damaged cache file is no worse than none
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Keep ``bucket``'s code in the cache, if every folder of the cache can be made safe and written."""
        if not make_private(self.folder):
            return
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


TEMPLATE = FileKind("template", 4 * 1024 * 1024, "the template file itself")
"""How a user's template is read (see :mod:`plan_cli.basics.files`): far more than any template needs."""


class UserLoader(jinja2.BaseLoader):
    """Loads a user's templates from their folder, each read as every named file is (see :data:`TEMPLATE`)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        """Return the template's text; TemplateError naming the file (and place) if it cannot be read.

        A template that is not there is not found, so a shipped one of that name is used.
        """
        from jinja2.loaders import split_template_path

        path = self.folder.joinpath(*split_template_path(template))
        try:
            text = read_text(path, TEMPLATE)
        except Unreadable as error:
            if error.missing:
                raise jinja2.TemplateNotFound(template) from None
            where = f"{path}:{error.line}:{error.column}" if error.line is not None else str(path)
            raise TemplateError(f"{where}: {error}") from None
        read_at = _modified(path)
        return text, os.path.normpath(path), lambda: _modified(path) == read_at


def _modified(path: Path) -> int | None:
    """When the file at ``path`` was last changed (None if it is gone): to tell a template is unchanged."""
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


def is_html(name: str | None) -> bool:
    """True when a template name says it produces HTML, so it must be autoescaped."""
    return bool(name) and str(name).lower().endswith(_HTML_SUFFIXES)


def environment(user_folder: Path | None = None) -> jinja2.Environment:
    """Return the Jinja environment: strict undefined, HTML autoescaped, the document filters."""
    loaders: list[jinja2.BaseLoader] = []
    if user_folder is not None:
        loaders.append(UserLoader(user_folder))
    loaders.append(ShippedLoader())
    folder = cache_folder("templates")
    env = jinja2.sandbox.SandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        bytecode_cache=UserCache(folder) if folder is not None else None,
        undefined=jinja2.StrictUndefined,
        autoescape=is_html,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        md=markdown_text,
        md_cell=markdown_cell,
        md_inline=markdown_inline,
        mermaid=mermaid_text,
        html_lines=html_lines,
        long_date=long_date,
        days=days_text,
        first_sentence=first_sentence,
        status_words=status_words,
        expected_words=expected_words,
        plural=plural,
        csv_row=csv_row,
    )
    env.globals["plural"] = plural
    return env


def render_document(context: dict[str, Any], shipped: str, template: Path | None = None) -> str:
    """Render the user's ``template`` (a path) or else the ``shipped`` template with ``context``.

    Raise UsageError when the user's template cannot be read and TemplateError,
    naming the template file and line, for any error inside a template.
    """
    if template is None:
        env, name = environment(), shipped
    else:
        check_template_file(template)
        env, name = environment(template.parent), template.name
    try:
        compiled = env.get_template(name)
        return compiled.render(context)
    except TemplateError:
        raise
    except jinja2.TemplateSyntaxError as error:
        where = _display_name(error.filename or error.name or name, template)
        raise TemplateError(f"{where}:{error.lineno}: {error.message}") from None
    except jinja2.TemplateNotFound as error:
        where = _located(error, template, name)
        raise TemplateError(f"{where}: template not found: {error.name}") from None
    except Exception as error:  # anything a template's expressions raise, reported where it happened
        where = _located(error, template, name)
        message = (
            str(error) if isinstance(error, jinja2.TemplateError) else f"{type(error).__name__}: {error}"
        )
        raise TemplateError(f"{where}: {message}") from None


def check_template_file(template: Path) -> None:
    """Raise UsageError unless ``template`` can be read as a template file (a FIFO would hang the render)."""
    try:
        read_bytes(template, TEMPLATE)
    except Unreadable as error:
        raise UsageError(f"--template {template}: {error}") from None


def _located(error: BaseException, template: Path | None, name: str) -> str:
    """'file:line' of the innermost template frame in the error's traceback."""
    folder = template.parent.resolve() if template is not None else None

    def is_template(filename: str) -> bool:
        if filename.endswith(".py"):
            return False
        if filename.endswith(".j2") or filename in SHIPPED:
            return True
        return folder is not None and Path(filename).resolve().is_relative_to(folder)

    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if is_template(frame.filename)]
    if not frames:
        return _display_name(name, template)
    frame = frames[-1]
    return f"{_display_name(frame.filename, template)}:{frame.lineno}"


def _display_name(filename: str, template: Path | None) -> str:
    """The user's template as they named it; shipped templates by name."""
    if template is not None and (filename == template.name or Path(filename).resolve() == template.resolve()):
        return str(template)
    return filename
