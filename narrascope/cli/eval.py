"""`narrascope eval …`: quality on ../shared/eval, each beside its baseline where it has one."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

REPO = Path(__file__).resolve().parents[2]  # the checkout: tests/gold and eval/ live there
out = Console(soft_wrap=True)
eval_app = typer.Typer(help="Quality on ../shared/eval beside a baseline / оценка качества")
EVAL_DIR = typer.Option(
    REPO.parent / "shared" / "eval",
    "--data",
    help="The shared eval folder / папка с эталонными данными",
)
LIMIT = typer.Option(None, "--limit", help="Only the first N items of each set / только N первых")


@eval_app.command("extraction")
def eval_extraction(data: Path = EVAL_DIR, limit: int | None = LIMIT) -> None:
    """Main-text extraction beside bare trafilatura / извлечение текста."""
    from narrascope.evaluation.extraction import evaluate

    scores = evaluate(data / "extraction", limit)
    table = Table("set", "metric", *scores.aeb_f1)
    table.add_row(
        f"scrapinghub_aeb ({scores.pages} pages)",
        "mean token F1",
        *(f"{value:.4f}" for value in scores.aeb_f1.values()),
    )
    table.add_row(
        f"trafilatura_snippets ({scores.snippet_pages} pages)",
        "snippets honoured",
        *(f"{value:.4f}" for value in scores.snippets.values()),
    )
    out.print(table)


@eval_app.command("dedup")
def eval_dedup(
    data: Path = EVAL_DIR,
    posts: int = typer.Option(3000, "--posts", help="Real posts to take / сколько постов"),
    copies: int = typer.Option(500, "--copies", help="Copies to mix in / сколько копий"),
    seed: int = typer.Option(13, "--seed"),
) -> None:
    """Reprint detection on altered copies of real posts / поиск перепечаток."""
    from narrascope.evaluation.dedup import evaluate

    path = data / "news" / "telegram_ru_posts" / "posts.jsonl.gz"
    scores = evaluate(path, posts, copies, seed)
    out.print(
        f"documents {scores.documents}, copies {scores.altered}: precision "
        f"{scores.precision:.4f}, recall {scores.recall:.4f}, F1 {scores.f1:.4f}"
    )


@eval_app.command("stories")
def eval_stories(data: Path = EVAL_DIR) -> None:
    """Same-story grouping on pairs judged by people / группировка сюжетов."""
    from narrascope.evaluation.stories import evaluate

    scores = evaluate(data / "dedup" / "tgcontest_same_story" / "eval_half.jsonl")
    out.print(
        f"pairs {scores.pairs}: accuracy {scores.accuracy:.4f} (same story right "
        f"{scores.same_recall:.4f}, different stories right {scores.different_recall:.4f})"
    )


@eval_app.command("ner")
def eval_ner(data: Path = EVAL_DIR) -> None:
    """NER beside bare natasha: exact span+type P/R/F1 / качество NER."""
    from narrascope.evaluation.ner import TYPES, evaluate

    table = Table("corpus", "tagger", "type", "P", "R", "F1", "docs/s")
    for corpus, by_tagger in evaluate(data / "ner").items():
        for name, counts in by_tagger.items():
            for kind in (*TYPES, None):
                precision, recall, f1 = counts.prf(kind)
                speed = f"{counts.docs / counts.seconds:.1f}" if kind is None else ""
                table.add_row(
                    corpus,
                    name,
                    kind or "micro",
                    f"{precision:.3f}",
                    f"{recall:.3f}",
                    f"{f1:.3f}",
                    speed,
                )
    out.print(table)


@eval_app.command("linking")
def eval_linking(data: Path = EVAL_DIR) -> None:
    """Entity linking on the seeds' gold and twenty BSNLP documents / связывание сущностей."""
    from narrascope.evaluation.linking import evaluate_bsnlp, evaluate_seeds

    seeds = evaluate_seeds(data.parent / "corpus" / "seeds", REPO / "tests/gold/linking_seeds.json")
    within, across = evaluate_bsnlp(data / "ner" / "bsnlp_ru" / "annotated_eval_half.jsonl.gz")
    both = (seeds.correct + within.correct) / (seeds.mentions + within.mentions)
    out.print(f"seeds: {seeds.correct}/{seeds.mentions} = {seeds.accuracy:.4f}")
    out.print(
        f"BSNLP, 20 documents, within each: {within.correct}/{within.mentions} = "
        f"{within.accuracy:.4f}; across all: {across.correct}/{across.mentions} = "
        f"{across.accuracy:.4f}"
    )
    out.print(f"seeds + BSNLP within documents: {both:.4f}")


@eval_app.command("quotes")
def eval_quotes(data: Path = EVAL_DIR) -> None:
    """Quotations and speakers on ADAQ / цитаты и их авторы."""
    from narrascope.evaluation.quotes import evaluate, holder_recall

    scores = evaluate(data / "quotes" / "adaq_ru" / "eval_half.jsonl")
    holders = holder_recall(data / "quotes" / "ruopinionne2024" / "validation_eval_half.jsonl")
    out.print(
        f"ADAQ: {scores.gold} gold quotes, {scores.predicted} predicted: precision "
        f"{scores.precision:.4f}, recall {scores.recall:.4f}, F1 {scores.f1:.4f}; "
        f"speaker right {scores.speakers_right}/{scores.speakers} = "
        f"{scores.speaker_accuracy:.4f}"
    )
    out.print(
        f"RuOpinionNE: opinion holders named as a quote's speaker {holders.found}/"
        f"{holders.holders} = {holders.recall:.4f}"
    )


ROOT_EVAL = REPO / "eval"


@eval_app.command("themes")
def eval_themes(
    data: Path = EVAL_DIR,
    gold: Path = typer.Option(ROOT_EVAL / "scope" / "gold.jsonl", "--gold"),
    write: bool = typer.Option(
        False, "--write", help="Calibrate the default pack / записать пороги в пакет тем"
    ),
) -> None:
    """Themes behind the scope gate, per-theme thresholds, on hand-labelled news / темы."""
    from narrascope.evaluation.scope import read_gold
    from narrascope.evaluation.themes import MIN_REPORTED, evaluate, write_thresholds
    from narrascope.nlp.themepack import default_pack_path

    report = evaluate(read_gold(data, gold))
    out.print(
        f"{report.documents} documents ({report.tune} tune, {report.test} test); global "
        f"threshold {report.global_threshold}; "
        f"per theme: {report.thresholds}"
    )
    table = Table(
        "method (test half)",
        "precision",
        "recall",
        "micro F1",
        "out of scope with a theme",
        "in scope with a right theme",
    )
    for name, method in (
        ("scope gate + per-theme thresholds (narrascope)", report.gated),
        ("no gate, one threshold (before)", report.ungated),
        ("keywords alone", report.keywords_only),
    ):
        table.add_row(
            name,
            f"{method.micro.precision:.3f}",
            f"{method.micro.recall:.3f}",
            f"{method.micro.f1:.3f}",
            share(*method.out_with_theme),
            share(*method.in_with_right_theme),
        )
    out.print(table)
    per_theme = Table("theme (test half)", "labelled", "precision", "recall", "tp", "fp", "fn")
    for theme_id, cell in report.gated.per_theme.items():
        if report.support[theme_id] >= MIN_REPORTED:
            per_theme.add_row(
                theme_id,
                str(report.support[theme_id]),
                f"{cell.precision:.3f}",
                f"{cell.recall:.3f}",
                str(cell.tp),
                str(cell.fp),
                str(cell.fn),
            )
    out.print(per_theme)
    if write:
        write_thresholds(default_pack_path(), report)
        out.print(f"thresholds written to {default_pack_path()}")


@eval_app.command("scope")
def eval_scope(
    data: Path = EVAL_DIR,
    gold: Path = typer.Option(ROOT_EVAL / "scope" / "gold.jsonl", "--gold"),
) -> None:
    """Foreign policy or not, on hand-labelled real news / в теме внешней политики или нет."""
    from narrascope.evaluation.scope import evaluate_scope, read_gold

    report = evaluate_scope(read_gold(data, gold))
    out.print(
        f"trained on {report.tune} documents, scored on {report.test}; "
        f"threshold {report.threshold:.2f}"
    )
    table = Table("test half", "precision", "recall", "F1", "accuracy", "tp", "fp", "fn", "tn")
    for name, cells in (
        ("scope model (narrascope)", report.model),
        ("any foreign actor linked", report.foreign_actor),
    ):
        table.add_row(
            name,
            f"{cells.precision:.3f}",
            f"{cells.recall:.3f}",
            f"{cells.f1:.3f}",
            f"{cells.accuracy:.3f}",
            *(str(value) for value in (cells.tp, cells.fp, cells.fn, cells.tn)),
        )
    out.print(table)


def share(part: int, whole: int) -> str:
    return f"{part}/{whole} = {part / whole:.3f}" if whole else "-"


@eval_app.command("search")
def eval_search(
    data: Path = EVAL_DIR,
    queries: Path = typer.Option(ROOT_EVAL / "search_queries.jsonl", "--queries"),
    db: Path = typer.Option(Path("data/eval/bsnlp.db"), "--cache-db"),
) -> None:
    """nDCG@10 of fts, semantic and hybrid search on BSNLP / качество поиска."""
    from narrascope.evaluation.search import evaluate

    report = evaluate(data / "ner" / "bsnlp_ru", queries, db)
    out.print(f"{report.documents} documents, {report.queries} judged queries")
    modes = list(report.ndcg)
    table = Table("queries", *modes)
    table.add_row("all", *(f"{report.ndcg[mode]:.3f}" for mode in modes))
    for lang, scores in sorted(report.by_lang.items()):
        table.add_row(lang, *(f"{scores[mode]:.3f}" for mode in modes))
    out.print(table)


@eval_app.command("topics")
def eval_topics(data: Path = EVAL_DIR) -> None:
    """Accuracy of a linear classifier on e5 embeddings (tgcontest, RIA) / классы на эмбеддингах."""
    from narrascope.evaluation.topics import evaluate

    table = Table("set", "documents", "classes", "5-fold accuracy", "majority class")
    for result in evaluate(data / "topics"):
        table.add_row(
            result.name,
            str(result.documents),
            str(result.classes),
            f"{result.accuracy:.3f}",
            f"{result.majority:.3f}",
        )
    out.print(table)


@eval_app.command("clutter")
def eval_clutter(data: Path = EVAL_DIR) -> None:
    """Clutter left and body lost on zakon.kz's stream, labelled by hand / мусор и потери текста."""
    from narrascope.evaluation.clutter import evaluate

    stream = data / "streams" / "zakon_2020-07" / "articles.jsonl"
    table = Table("half", "clutter lines left", "body lines lost", "comment lines left")
    for half, name in ((0, "tuning"), (1, "scored")):
        s = evaluate(stream, ROOT_EVAL / "clutter_zakon" / "gold.jsonl", half)
        table.add_row(
            name,
            f"{s.clutter_left} / {s.clutter}",
            f"{s.body_lost} / {s.body}",
            f"{s.comment_lines_left} / {s.comment_lines}",
        )
    out.print(table)


WHOSAID_GOLD = typer.Option(
    ROOT_EVAL / "quotes_zakon" / "gold.jsonl", "--gold", help="Labels / разметка"
)
SHOW = typer.Option(False, "--show", help="List misses and wrong speakers / показать ошибки")


@eval_app.command("whosaid")
def eval_whosaid(data: Path = EVAL_DIR, gold: Path = WHOSAID_GOLD, show: bool = SHOW) -> None:
    """Quotes, speakers and one id per person on zakon.kz's stream, labelled by hand / кто что
    сказал на реальном потоке."""
    from narrascope.evaluation.whosaid import evaluate

    stream = data / "streams" / "zakon_2020-07" / "articles.jsonl"
    table = Table(
        "half",
        "quote recall",
        "precision",
        "speaker right",
        "bad speakers",
        "people on one id",
        "mentions on main id",
    )
    for name, s in zip(("tuning", "scored"), evaluate(stream, gold), strict=True):
        table.add_row(
            name,
            f"{s.found}/{s.gold} = {s.recall:.3f}",
            f"{s.predicted_right}/{s.predicted} = {s.precision:.3f}",
            f"{s.speaker_right}/{s.with_speaker} = {s.speaker_accuracy:.3f}",
            str(len(s.bad_speakers)),
            f"{s.people_one_id}/{s.people}",
            f"{s.mentions_on_main_id}/{s.mentions}",
        )
        if show:
            for title, items in (
                ("missed", s.misses),
                ("wrong speaker", s.wrong),
                ("bad speaker", s.bad_speakers),
                ("id shared by two people", s.shared_ids),
            ):
                out.print(f"[{name}] {title}: {len(items)}")
                for item in items:
                    out.print(f"  {item}")
    out.print(table)


@eval_app.command("claims")
def eval_claims(show: bool = SHOW) -> None:
    """Claims and conflicts on real texts labelled by hand (eval/claims) / утверждения и
    расхождения."""
    import tempfile

    from narrascope.evaluation.claims import CORE, FIELDS, evaluate, evaluate_conflicts
    from narrascope.store.sqlite.store import SqliteStore

    folder = REPO / "eval" / "claims"
    table = Table("half", "gold", "found", "precision", *FIELDS, "+".join(CORE))
    for name, s in zip(("tuning", "scored"), evaluate(folder), strict=True):
        fields = [f"{s.accuracy(f):.3f}" for f in (*FIELDS, "core")]
        table.add_row(name, str(s.gold), f"{s.recall:.3f}", f"{s.precision:.3f}", *fields)
        if show:
            for error in s.errors:
                out.print(f"[{name}] {error}", highlight=False)
    out.print(table)
    with tempfile.TemporaryDirectory() as folder_db:
        store = SqliteStore(str(Path(folder_db) / "ledger.db"))
        c = evaluate_conflicts(folder, store)
        store.close()
    out.print(
        f"conflicts over the pool's texts: {c.found} reported, {c.labelled} in the pool;"
        f" precision {c.right}/{c.labelled} = {c.precision:.3f},"
        f" recall {c.right}/{c.true} = {c.recall:.3f};"
        f" one outlet's two notes: {c.same_outlet_series}"
    )
    if show:
        for title, items in (("not a conflict", c.wrong), ("missed", c.missed)):
            out.print(f"{title}: {len(items)}")
            for item in items:
                out.print(f"  {item}", highlight=False)


@eval_app.command("events")
def eval_events(show: bool = SHOW) -> None:
    """Diplomatic events on real reports labelled by hand (eval/events) / события."""
    from narrascope.evaluation.events import HALVES, evaluate

    table = Table(
        "half", "gold", "extracted", "precision", "recall", "F1", "agreements", "grouping"
    )
    for name, s in zip(HALVES, evaluate(REPO / "eval" / "events"), strict=True):
        table.add_row(
            name,
            str(s.gold),
            str(s.predicted),
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            f"{s.f1:.3f}",
            f"{s.agreements_found}/{s.agreements} = {s.agreement_recall:.3f}",
            f"{s.pairs_agreed}/{s.pairs} = {s.grouping:.3f}",
        )
        if show:
            for error in s.errors:
                out.print(f"[{name}] {error}", highlight=False)
    out.print(table)


@eval_app.command("langs")
def eval_langs(
    half: str = typer.Option("test", "--half", help="tune | test | all / половина разметки"),
    write: bool = typer.Option(
        False, "--write", help="Write kk/en lead thresholds into the pack / записать пороги"
    ),
) -> None:
    """Kazakh and English: language, entities, quotes (eval/langs) / казахский и английский."""
    from narrascope.evaluation.langs import (
        LANGUAGES,
        evaluate_detection,
        evaluate_language,
        knowledge_base_identity,
    )

    table = Table(
        "lang",
        "docs",
        "language right",
        "entity P / R / F1",
        "links right",
        "quote P / R / F1",
        "speaker right",
    )
    for lang in LANGUAGES:
        s = evaluate_language(lang, half)
        table.add_row(
            lang,
            str(s.documents),
            f"{s.detected}/{s.documents}",
            f"{s.entities.precision:.3f} / {s.entities.recall:.3f} / {s.entities.f1:.3f}",
            f"{s.linked}/{s.linkable}",
            f"{s.quote_precision:.3f} / {s.quotes.recall:.3f} / {s.quote_f1:.3f}",
            f"{s.speaker_right}/{s.with_speaker}",
        )
    out.print(f"eval/langs, {half} half")
    out.print(table)
    groups = evaluate_detection()
    right, total = sum(r for r, _ in groups.values()), sum(t for _, t in groups.values())
    detail = ", ".join(f"{group} {r}/{t}" for group, (r, t) in groups.items())
    out.print(
        f"language detection (eval/lang_id): {right}/{total} = {right / total:.3f} ({detail})"
    )
    people, same = knowledge_base_identity()
    out.print(f"knowledge-base people with one id in ru, kk and en: {same}/{people}")
    print_langs_themes(write)


def print_langs_themes(write: bool) -> None:
    from narrascope.evaluation.themes_langs import GOLD, evaluate, write_lead_thresholds
    from narrascope.nlp.themepack import default_pack_path

    if not GOLD.exists():
        return
    results = evaluate()
    table = Table(
        "lang",
        "tune / test",
        "lead threshold",
        "themes P / R / F1 (test)",
        "guess before",
        "gated only",
        "out of scope with a theme",
        "in scope with a right theme",
    )
    for r in results:
        table.add_row(
            r.lang,
            f"{r.tune} / {r.test}",
            f"{r.lead_threshold}",
            f"{r.calibrated.precision:.3f} / {r.calibrated.recall:.3f} / {r.calibrated.f1:.3f}",
            f"{r.guessed.f1:.3f}",
            f"{r.gated_only.f1:.3f}",
            "{} / {}".format(*r.out_with_theme),
            "{} / {}".format(*r.in_with_right_theme),
        )
    out.print(table)
    if write:
        write_lead_thresholds(default_pack_path(), results)
        out.print(f"lead thresholds written to {default_pack_path()}")
