"""Export: each format's structure, hostile text kept as text, nothing lost, and the command."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from reader.cli import main
from reader.export import render, write
from reader.export.document import visible
from reader.export.markdown import escape_markdown
from reader.model import Article, PageInfo, Paragraph
from reader.text.chars import han_count
from reader.text.script import Script, to_traditional

HOSTILE = [
    "[bold]标记[/bold] 和 [red]颜色",
    "<script>alert('x')</script> 与 <b>粗体</b> &amp; &lt; 实体",
    "\x1b[31m红色\x1b[0m，响铃\x07，空字符\x00",
    "# 不是标题 #",
    "*不是强调* 和 _也不是_ 和 **粗** 和 `代码` 和 ~~删除~~",
    "[链接](http://example.com) 与 ![图片](x.png) 与 <http://example.com>",
    "1. 不是列表",
    "2) 也不是",
    "- 不是列表项",
    "+ 也不是",
    "> 不是引用",
    "=== 不是标题下划线",
    "| 不是 | 表格 |",
    "    四个空格不是代码块",
    "反斜杠\\在这里\\",
    "{花括号} 与 $美元$ 与 !感叹",
    "---",
]


def hostile_article() -> Article:
    return Article(
        id="hostile1",
        title="<标题> & [bold]标题[/bold] # *星*",
        source="新闻/<页面>.pdf",
        kicker="# 栏目 *头*",
        byline="□ 记者 [i]张华[/i] <通讯员>",
        paragraphs=(
            *(
                Paragraph(text, "heading" if index == 3 else "body")
                for index, text in enumerate(HOSTILE)
            ),
            Paragraph("被搁置的<片段>", "orphan"),
        ),
    )


def page_article() -> Article:
    return Article(
        id="page0001",
        title="人大代表联络站里的故事",
        source="lvliang/2021-10-15.pdf",
        kicker="详细新闻",
        byline="□ 本报记者 王芳",
        paragraphs=(
            Paragraph("联络站建成以后，代表们每月接待群众。"),
            Paragraph("一、听民声", "heading"),
            Paragraph("群众反映的问题，都有回音。"),
            Paragraph("游离的片段", "orphan"),
        ),
        page=PageInfo(
            1, ("吕梁日报 2021年10月15日",), "2021-10-05", "第2版", "人大之窗", "吕梁日报"
        ),
    )


class Blocks(HTMLParser):
    """The text of each block element of an HTML document, with its tag and attributes."""

    BLOCKS = ("p", "h1", "h2", "title", "style")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, dict[str, str | None], str]] = []
        self.tags: list[str] = []
        self.attrs: dict[str, dict[str, str | None]] = {}
        self._open: list[tuple[str, dict[str, str | None], list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.setdefault(tag, dict(attrs))
        if tag in self.BLOCKS:
            self._open.append((tag, dict(attrs), []))

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1][0] == tag:
            name, attrs, parts = self._open.pop()
            self.blocks.append((name, attrs, "".join(parts)))

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1][2].append(data)


def parse(html: str) -> Blocks:
    parser = Blocks()
    parser.feed(html)
    parser.close()
    return parser


def texts(blocks: Blocks, *tags: str) -> list[str]:
    return [text for tag, _, text in blocks.blocks if tag in tags]


def test_html_is_a_whole_page_with_lang_charset_and_chinese_line_breaking_css() -> None:
    page = render([page_article()], "html")
    assert page.startswith("<!DOCTYPE html>\n")
    blocks = parse(page)
    assert blocks.attrs["html"] == {"lang": "zh-CN"}
    assert blocks.attrs["meta"] == {"charset": "utf-8"}
    css = texts(blocks, "style")[0]
    for rule in (
        "line-break: strict",
        "word-break: normal",
        "text-indent: 2em",
        "text-align: justify",
        "max-width: 40em",
        '"Noto Serif CJK SC"',
    ):
        assert rule in css
    assert texts(blocks, "title") == ["人大代表联络站里的故事"]
    assert texts(blocks, "h1") == ["人大代表联络站里的故事"]
    assert texts(blocks, "h2") == ["一、听民声"]
    paragraphs = [(attrs.get("class"), text) for tag, attrs, text in blocks.blocks if tag == "p"]
    assert paragraphs == [
        ("kicker", "详细新闻"),
        ("byline", "□ 本报记者 王芳"),
        ("meta", "2021年10月5日 · 第2版 · 吕梁日报 · 人大之窗 · 来源：lvliang/2021-10-15.pdf"),
        (None, "联络站建成以后，代表们每月接待群众。"),
        (None, "群众反映的问题，都有回音。"),
        ("orphan", "〔游离的片段〕"),
    ]
    assert '<time datetime="2021-10-05">2021年10月5日</time>' in page
    assert blocks.tags.count("article") == 1


def test_html_escapes_hostile_text() -> None:
    article = hostile_article()
    page = render([article], "html")
    blocks = parse(page)
    assert "script" not in blocks.tags and "b" not in blocks.tags and "i" not in blocks.tags
    assert "\x1b" not in page and "\x00" not in page and "\x07" not in page
    shown = [text for tag, attrs, text in blocks.blocks if tag in ("p", "h2") and not attrs]
    expected = [visible(p.text) for p in article.paragraphs if p.kind != "orphan"]
    assert shown == expected
    assert texts(blocks, "h1") == [article.title]
    assert texts(blocks, "title") == [article.title]
    meta = [text for tag, attrs, text in blocks.blocks if attrs.get("class") == "meta"]
    assert meta == ["来源：新闻/<页面>.pdf"]


@pytest.mark.parametrize("preset", ["commonmark", "gfm-like"])
def test_markdown_renders_back_to_exactly_the_text(preset: str) -> None:
    article = hostile_article()
    html = MarkdownIt(preset).render(render([article], "md"))
    blocks = parse(html)
    assert texts(blocks, "h1") == [article.title]
    assert texts(blocks, "h2") == [HOSTILE[3]]
    paragraphs = texts(blocks, "p")
    # Markdown links bare URLs (GitHub's flavour); the text is still the text.
    assert paragraphs[0] == article.kicker
    assert paragraphs[1] == article.byline
    assert paragraphs[2] == "来源：新闻/<页面>.pdf"
    body = [visible(p.text) for p in article.paragraphs if p.kind == "body"]
    assert paragraphs[3 : 3 + len(body)] == body
    assert paragraphs[-1] == "〔被搁置的<片段>〕"
    # No syntax leaked: nothing but headings, paragraphs and the meta line's emphasis.
    assert set(blocks.tags) <= {"h1", "h2", "p", "em", "a"}
    assert blocks.tags.count("em") == 1


@pytest.mark.parametrize("text", HOSTILE)
def test_each_hostile_line_escapes_alone(text: str) -> None:
    rendered = MarkdownIt("commonmark").render(escape_markdown(visible(text)))
    assert texts(parse(rendered), "p") == [visible(text)]


def test_markdown_structure() -> None:
    md = render([page_article()], "md")
    assert md.split("\n\n") == [
        "详细新闻",
        "# 人大代表联络站里的故事",
        "□ 本报记者 王芳",
        "*2021年10月5日 · 第2版 · 吕梁日报 · 人大之窗 · 来源：lvliang/2021-10-15.pdf*",
        "联络站建成以后，代表们每月接待群众。",
        "## 一、听民声",
        "群众反映的问题，都有回音。",
        "〔游离的片段〕\n",
    ]


def test_plain_text_structure() -> None:
    text = render([page_article()], "txt")
    assert text.split("\n") == [
        "详细新闻",
        "人大代表联络站里的故事",
        "□ 本报记者 王芳",
        "2021年10月5日 · 第2版 · 吕梁日报 · 人大之窗 · 来源：lvliang/2021-10-15.pdf",
        "",
        "\u3000\u3000联络站建成以后，代表们每月接待群众。",
        "一、听民声",
        "\u3000\u3000群众反映的问题，都有回音。",
        "〔游离的片段〕",
        "",
    ]
    hostile = render([hostile_article()], "txt")
    assert "\x1b" not in hostile and "␛[31m红色␛[0m" in hostile
    assert "[bold]标记[/bold]" in hostile


def test_several_articles_in_one_document() -> None:
    articles = [page_article(), hostile_article()]
    assert render(articles, "txt").count("\n* * *\n") == 1
    assert render(articles, "md").count("\n---\n") == 1
    page = parse(render(articles, "html"))
    assert page.tags.count("article") == 2 and page.tags.count("hr") == 1
    assert texts(page, "title") == ["人大代表联络站里的故事 等 2 篇"]


@pytest.mark.parametrize("fmt", ["md", "txt", "html"])
def test_nothing_is_lost(fmt: str) -> None:
    """Every Han character of the article's text is in the export, as often."""
    for article in (page_article(), hostile_article()):
        out = render([article], fmt)
        if fmt == "html":
            out = "".join(text for tag, _, text in parse(out).blocks if tag in ("p", "h1", "h2"))
        page = article.page
        parts = [article.kicker, article.title, article.byline, article.source]
        parts += [p.text for p in article.paragraphs]
        parts += [page.edition, page.paper, page.section] if page else []
        expected = han_count("".join(part for part in parts if part))
        found = han_count(out)
        for char, count in expected.items():
            assert found.get(char, 0) >= count, char


def test_traditional_export_converts_and_says_so() -> None:
    page = render([page_article()], "html", Script.TRADITIONAL)
    blocks = parse(page)
    assert blocks.attrs["html"] == {"lang": "zh-Hant"}
    assert texts(blocks, "h1") == [to_traditional("人大代表联络站里的故事")]
    assert "呂梁日報" in page
    assert render([page_article()], "md", Script.TRADITIONAL).startswith("詳細新聞\n")


def test_unknown_format_and_empty_list_are_errors() -> None:
    with pytest.raises(ValueError, match="format"):
        render([page_article()], "pdf")
    with pytest.raises(ValueError, match="nothing"):
        render([], "md")


def test_write_to_a_file_or_a_directory(tmp_path: Path) -> None:
    articles = [page_article(), hostile_article()]
    [single] = write(articles, "md", str(tmp_path / "all.md"))
    assert single.read_text(encoding="utf-8") == render(articles, "md")
    folder = tmp_path / "out"
    written = write(articles, "html", f"{folder}/")
    assert [path.name for path in written] == ["page0001.html", "hostile1.html"]
    assert written[1].read_text(encoding="utf-8") == render([articles[1]], "html")


# ------------------------------------------------------------------ the command


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def ids(capsys: pytest.CaptureFixture[str]) -> list[str]:
    code, out, _ = run(capsys, "list")
    assert code == 0
    return [line.split("\t")[0] for line in out.splitlines()]


def test_export_command_to_stdout_in_each_format(capsys: pytest.CaptureFixture[str]) -> None:
    first, second = ids(capsys)[1:3]
    for fmt in ("md", "txt", "html"):
        code, out, err = run(capsys, "export", first, second, "--format", fmt)
        assert (code, err) == (0, "")
        _, title_one, _ = run(capsys, "cat", first)
        assert title_one.splitlines()[0] in out
    code, out, _ = run(capsys, "export", first)
    assert code == 0 and out.startswith("# "), "Markdown is the default"


def test_export_command_writes_files_and_reports_where(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    chosen = ids(capsys)[:3]
    code, _, err = run(capsys, "export", *chosen, "--format", "txt", "--output", f"{tmp_path}/d/")
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == sorted(f"{i}.txt" for i in chosen)
    assert err == f"reader: wrote 3 files to {tmp_path}/d/\n"
    code, _, err = run(
        capsys, "export", *chosen, "--format", "html", "--output", str(tmp_path / "a.html")
    )
    assert code == 0
    assert parse((tmp_path / "a.html").read_text(encoding="utf-8")).tags.count("article") == 3


def test_export_unknown_id_is_one_line_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    known = ids(capsys)[0]
    target = tmp_path / "out.md"
    code, out, err = run(capsys, "export", known, "nosuchid", "--output", str(target))
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and "nosuchid" in err
    assert not target.exists()


def test_export_usage_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(capsys, "export")[0] == 2
    assert run(capsys, "export", ids(capsys)[0], "--format", "pdf")[0] == 2
    code, _, err = run(capsys, "export", ids(capsys)[0], "--output", str(tmp_path / "no" / "x.md"))
    assert code == 1 and err.count("\n") == 1


def test_export_of_a_hostile_source_through_the_whole_pipeline(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "h.md"
    source.write_text(
        "## 详细新闻\n\n# <script>alert(1)</script>标题\n\n"
        "正文[bold]不是标记[/bold]，*也不是强调*。\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "list", "--corpus", str(source))
    ident = out.split("\t")[0]
    code, page, _ = run(capsys, "export", ident, "--format", "html", "--corpus", str(source))
    assert code == 0
    blocks = parse(page)
    assert "script" not in blocks.tags
    assert texts(blocks, "h1") == ["<script>alert(1)</script>标题"]
    assert [t for tag, a, t in blocks.blocks if a.get("class") == "kicker"] == ["详细新闻"]
    code, md, _ = run(capsys, "export", ident, "--corpus", str(source))
    rendered = parse(MarkdownIt("commonmark").render(md))
    assert "正文[bold]不是标记[/bold]，*也不是强调*。" in texts(rendered, "p")
