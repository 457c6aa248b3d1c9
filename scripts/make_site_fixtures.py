"""Write the t.me/s/ preview pages of the fixture sites from real posts.

The posts are real Russian channel posts about Kazakhstan from ../shared/eval/news/
telegram_ru_posts (CC BY 4.0), laid out in the markup t.me/s/ serves (message wrap, bubble,
forwarded-from line, reply quote, views, time, the "more" cursor), as if one channel had
published them. Run once; the pages are committed.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from narrascope import jsonlines

ROOT = Path(__file__).resolve().parents[1]
POSTS = ROOT.parent / "shared/eval/news/telegram_ru_posts/posts.jsonl.gz"
OUT = ROOT / "tests/fixtures/sites/tme"
CHANNEL = "kz_foreign_digest"
CHOSEN = [
    "tg-1001394050290-194678",
    "tg-1001754252633-125350",
    "tg-1001101170442-270579",
    "tg-1001754252633-125424",
    "tg-1001117628569-59592",
    "tg-1001101170442-270752",
]
VIEWS = ["18.4K", "9.1K", "25K", "7.3K", "1.2M", "412"]


def markup(text: str) -> str:
    text = html.escape(text, quote=False)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text, flags=re.S)
    text = re.sub(r"\[(.+?)\]\((https?://[^)]+)\)", r'<a href="\2" target="_blank">\1</a>', text)
    return text.replace("\n", "<br/>")


def message(number: int, post: dict, views: str, extra: str = "") -> str:
    return f"""<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post="{CHANNEL}/{number}" data-view="eyJjIjotMTAwMTIzNH0">
  <div class="tgme_widget_message_user"><a href="https://t.me/{CHANNEL}"><i class="tgme_widget_message_user_photo bgcolor1" data-content="K"></i></a></div>
  <div class="tgme_widget_message_bubble">
    <i class="tgme_widget_message_bubble_tail"><svg class="bubble_icon" width="9px" height="20px" viewBox="0 0 9 20"></svg></i>
    <div class="tgme_widget_message_author accent_color"><a class="tgme_widget_message_owner_name" href="https://t.me/{CHANNEL}"><span dir="auto">Внешняя политика Казахстана</span></a></div>
    {extra}<div class="tgme_widget_message_text js-message_text" dir="auto">{markup(post["text"])}</div>
    <div class="tgme_widget_message_footer compact js-message_footer">
      <div class="tgme_widget_message_info short js-message_info">
        <span class="tgme_widget_message_views">{views}</span><span class="copyonly"> views</span><span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/{CHANNEL}/{number}"><time datetime="{post["date"]}" class="time">{post["date"][11:16]}</time></a></span>
      </div>
    </div>
  </div>
</div></div>"""


def photo_only(number: int, date: str) -> str:
    return f"""<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post="{CHANNEL}/{number}">
  <div class="tgme_widget_message_bubble">
    <a class="tgme_widget_message_photo_wrap" href="https://t.me/{CHANNEL}/{number}" style="width:800px;background-image:url('https://cdn4.telesco.pe/file/photo.jpg')"><div class="tgme_widget_message_photo" style="padding-top:56.25%"></div></a>
    <div class="tgme_widget_message_footer compact js-message_footer"><div class="tgme_widget_message_info short js-message_info"><span class="tgme_widget_message_views">3.3K</span><span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/{CHANNEL}/{number}"><time datetime="{date}" class="time">{date[11:16]}</time></a></span></div></div>
  </div>
</div></div>"""


def service(number: int) -> str:
    return f"""<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message service_message js-widget_message" data-post="{CHANNEL}/{number}">
  <div class="tgme_widget_message_bubble"><div class="tgme_widget_message_text js-message_text" dir="auto">Channel photo updated</div></div>
</div></div>"""


def page(messages: list[str], before: int | None) -> str:
    more = (
        f'<div class="tgme_widget_message_centered js-messages_more_wrap"><a href="/s/{CHANNEL}?before={before}" class="tme_messages_more js-messages_more" data-before="{before}"></a></div>'
        if before
        else ""
    )
    body = "\n".join(messages)
    return f"""<!DOCTYPE html>
<html>
  <head>
    <meta charset="utf-8">
    <title>Внешняя политика Казахстана – Telegram</title>
    <meta property="og:title" content="Внешняя политика Казахстана">
    <meta property="og:site_name" content="Telegram">
    <link rel="canonical" href="https://t.me/s/{CHANNEL}">
    <link href="//telegram.org/css/widget-frame.css?72" rel="stylesheet">
  </head>
  <body class="widget_frame_base tgme_webpage">
    <header class="tgme_header search_collapsed"><div class="tgme_header_info"><div class="tgme_channel_info_header_title"><span dir="auto">Внешняя политика Казахстана</span></div></div></header>
    <main class="tgme_main"><div class="tgme_container">
      <section class="tgme_channel_history js-message_history">
{more}
{body}
      </section>
    </div></main>
    <div class="tgme_channel_info"><div class="tgme_channel_info_counters"><div class="tgme_channel_info_counter"><span class="counter_value">48.2K</span> <span class="counter_type">subscribers</span></div></div></div>
  </body>
</html>
"""


def main() -> None:
    posts = {}
    for record in jsonlines.records(POSTS):
        if record["id"] in CHOSEN:
            posts[record["id"]] = record
    chosen = [posts[post_id] for post_id in CHOSEN]
    forwarded = (
        '<div class="tgme_widget_message_forwarded_from accent_color">Forwarded from&nbsp;'
        '<a class="tgme_widget_message_forwarded_from_name" href="https://t.me/rian_ru/270579">'
        '<span dir="auto">РИА Новости</span></a></div>'
    )
    reply = (
        f'<a class="tgme_widget_message_reply" href="https://t.me/{CHANNEL}/101"><div class="tgme_widget_message_author accent_color">'
        '<span class="tgme_widget_message_author_name" dir="auto">Внешняя политика Казахстана</span></div>'
        '<div class="tgme_widget_message_text js-message_reply_text" dir="auto">Путин прибудет в Казахстан…</div></a>'
    )
    older = [
        message(101, chosen[0], VIEWS[0]),
        service(102),
        message(103, chosen[1], VIEWS[1], reply),
        message(104, chosen[2], VIEWS[2], forwarded),
    ]
    newest = [
        photo_only(105, chosen[3]["date"]),
        message(106, chosen[3], VIEWS[3]),
        message(107, chosen[4], VIEWS[4]),
        message(108, chosen[5], VIEWS[5]),
    ]
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "older.html").write_text(page(older, None), encoding="utf-8")
    (OUT / "newest.html").write_text(page(newest, 105), encoding="utf-8")


if __name__ == "__main__":
    main()
