"""Line-level signals of boilerplate: each rule names a reason or returns None.

A rule sees one line and its neighbours; none looks for a particular outlet's strings. Lines that
read as body paragraphs (several words ending like a sentence) are protected from every rule but
the repeat and template ones, which only drop copies of text kept elsewhere.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

SENTENCE_END = (".", "!", "?", "…", "»", '"', "”", ")", ":", ";")
PLACEHOLDER = re.compile(r"\[\[[^\]]*\]\]|\{\{[^}]*\}\}|\{%[^%]*%\}|%%\w+%%|\$\{\w+\}")
COUNTER = re.compile(
    r"^(?:(?:просмотр\w*|views?|👁\S*|комментари\w*|comments?)[:\s]*)?[\d\s.,kкKМM]+"
    r"(?:\s*(?:просмотр\w*|views?))?$",
    re.IGNORECASE,
)
CREDIT = re.compile(
    r"^(?:фото|photo|коллаж|иллюстрация|инфографика|видео|кадр|скриншот|источник фото|"
    r"фотография|изображение|image|credit)(?:\s+(?:из|с|со|на|взят\w*|предоставлен\w*)\b[^\n]*|"
    r"\s*[:©—–-][^\n]*|\s+(?:пресс-служб\w*|автора|организаторов|[\w-]+\.(?:kz|ru|com|org))"
    r"(?:\s+[\w«»\"-]+){0,4})$",
    re.IGNORECASE,
)
NAVIGATION = frozenset(
    label.strip()
    for label in [
        "популярное",
        "читайте также",
        "читать также",
        "читайте еще",
        "читайте ещё",
        "смотрите также",
        "архив",
        "все",
        "\n    похожие новости",
        "похожие материалы",
        "по теме",
        "другие новости",
        "последние новости",
        "главное",
        "\n    самое читаемое",
        "самое популярное",
        "лента новостей",
        "новости партнеров",
        "новости партнёров",
        "\n    поделиться",
        "комментарии",
        "теги",
        "метки",
        "реклама",
        "подписывайтесь",
        "подписаться",
        "вернуться назад",
        "\n    наверх",
        "меню",
        "поиск",
        "read more",
        "related",
        "related articles",
        "popular",
        "most read",
        "share",
        "tags",
        "\n    advertisement",
        "subscribe",
        "see also",
        "more news",
        "latest news",
    ]
)
# a page's buttons: dropped alone, but no list below them is a list of links
BUTTONS = frozenset(
    ["скачать", "download", "показать полностью", "развернуть", "еще сообщения", "ещё сообщения"]
)
MAX_HEADLINE_CHARS = 220  # official titles of laws run this long
MIN_HEADLINE_RUN = 3
MIN_KEYWORD_ITEMS = 6
KEYWORD_REPEATS = 3  # items sharing one capitalised stem
CAPTION_MARKER = re.compile(r"\b(?:фото|photo|©)", re.IGNORECASE)
NAME_WORD = re.compile(r"\b[A-ZА-ЯЁ][\w-]{3,}")
# readers' comments: "Имя 35 минут назад", "Имя »  Другой 2 часа назад", "Ответить +3 (всего 3)"
COMMENT_HEADER = re.compile(
    r"^.{1,80}?\s(?:\d+\s(?:секунд|минут|час)\w*\sназад|вчера в \d{1,2}:\d{2}|"
    r"\d{1,2}\.\d{1,2}\.\d{2,4},?\s\d{1,2}:\d{2})$"
)
COMMENT_REPLY = re.compile(r"^(?:Ответить|Reply)(?:\s+[+-−–]?\d+(?:\s*\(всего \d+\))?)?$")
MIN_COMMENT_MARKS = 2


def is_body(line: str) -> bool:
    """Several words ending like a sentence: the kind of line no boilerplate rule may drop."""
    return len(line.split()) >= 8 and line.rstrip().endswith(SENTENCE_END)


def is_headline_like(line: str) -> bool:
    stripped = line.strip(" •·-–—*")
    return (
        0 < len(stripped) <= MAX_HEADLINE_CHARS
        and not stripped.endswith((".", ";", ",", ":"))
        and (stripped[:1].isupper() or stripped[:1].isdigit() or stripped[:1] in '«"')
    )


def label_of(line: str) -> str:
    """A short line as a menu or button label: without bullets, case and a final full stop."""
    return line.strip(" •·-–—:*").lower().rstrip(".")


def is_navigation(line: str) -> bool:
    return label_of(line) in NAVIGATION


@dataclass(frozen=True, slots=True)
class Context:
    lines: Sequence[str]
    index: int

    @property
    def line(self) -> str:
        return self.lines[self.index]


def placeholder(ctx: Context) -> str | None:
    stripped = PLACEHOLDER.sub("", ctx.line).strip(" •·-–—*|/")
    return "template placeholder" if PLACEHOLDER.search(ctx.line) and len(stripped) < 20 else None


def counter(ctx: Context) -> str | None:
    line = ctx.line.strip()
    return "view or comment counter" if COUNTER.match(line) and len(line) <= 30 else None


def comments_start(lines: Sequence[str]) -> int | None:
    """Where readers' comments appended after the article begin: a commenter's header line
    (a name and "N минут назад") followed by reply buttons; everything from there on goes."""
    marks = [i for i, line in enumerate(lines) if COMMENT_REPLY.match(line.strip())]
    headers = [i for i, line in enumerate(lines) if COMMENT_HEADER.match(line.strip())]
    for header in headers:
        replies = [i for i in marks if i > header]
        if replies and replies[0] - header <= 12 and len(replies) + 1 >= MIN_COMMENT_MARKS:
            return header
    return None


def credit(ctx: Context) -> str | None:
    line = ctx.line.strip()
    return "photo or media credit" if len(line) <= 160 and CREDIT.match(line) else None


def navigation(ctx: Context) -> str | None:
    return "navigation label" if is_navigation(ctx.line) else None


def button(ctx: Context) -> str | None:
    return "button label" if label_of(ctx.line) in BUTTONS else None


def keyword_list(ctx: Context) -> str | None:
    """SEO captions: many short comma-separated items stuffed with the same names.

    A list of distinct names or ingredients is content; "Астана, город Астана, пейзаж Астаны,
    столица Казахстана, туризм в Казахстане…" repeats its keywords from item to item.
    """
    items = [item.strip() for item in ctx.line.split(",")]
    if len(items) < MIN_KEYWORD_ITEMS:
        return None
    short = sum(1 for item in items if 0 < len(item.split()) <= 4)
    if short / len(items) < 0.75:
        return None
    stems = Counter(
        stem for item in items for stem in {word[:5].lower() for word in NAME_WORD.findall(item)}
    )
    repeats = stems.most_common(1)[0][1] if stems else 0
    captioned = CAPTION_MARKER.search(ctx.line) is not None
    stuffed = repeats >= KEYWORD_REPEATS and (captioned or repeats / len(items) >= 0.45)
    return "keyword list (SEO caption)" if stuffed else None


def headline_list(ctx: Context) -> str | None:
    """A run of title-like lines under a navigation label ("Популярное", "Читайте также")."""
    if not is_headline_like(ctx.line):
        return None
    start, end = headline_run(ctx.lines, ctx.index)
    if end - start < MIN_HEADLINE_RUN:
        return None
    before = [line for line in ctx.lines[:start] if line.strip()]
    return "list of headlines" if before and is_navigation(before[-1]) else None


def headline_run(lines: Sequence[str], index: int) -> tuple[int, int]:
    """The maximal run of consecutive non-empty headline-like lines around index."""
    start = index
    while start > 0 and lines[start - 1].strip() and is_headline_like(lines[start - 1]):
        start -= 1
    end = index + 1
    while end < len(lines) and lines[end].strip() and is_headline_like(lines[end]):
        end += 1
    return start, end


Rule = Callable[[Context], str | None]
PROTECTED_RULES: list[Rule] = [
    placeholder,
    counter,
    credit,
    navigation,
    button,
    keyword_list,
    headline_list,
]


def classify(lines: Sequence[str], index: int) -> str | None:
    """The reason to drop line `index`, or None to keep it."""
    if not lines[index].strip() or is_body(lines[index]):
        return None
    ctx = Context(lines, index)
    for rule in PROTECTED_RULES:
        reason = rule(ctx)
        if reason:
            return reason
    return None
