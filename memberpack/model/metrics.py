"""The metric catalogue of the seed packs, and matching an imported label to a metric.

Matching is deliberately cautious: a label lands on a metric only when its words contain every
keyword of exactly one best candidate; otherwise it goes to the ``other`` metric of its domain
rather than to a guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

FINANCE, SOCIAL_CARE, INCLUSION, EDUCATION, WORKFORCE, OTHER = (
    "finance", "social_care", "inclusion", "education", "workforce", "other")
DOMAINS = (FINANCE, SOCIAL_CARE, INCLUSION, EDUCATION, WORKFORCE, OTHER)
DOMAIN_TITLES = {FINANCE: "Finance", SOCIAL_CARE: "Social care", INCLUSION: "Inclusion",
                 EDUCATION: "Education", WORKFORCE: "Workforce", OTHER: "Other data"}

HIGHER, LOWER, NEUTRAL = "higher_is_better", "lower_is_better", "neutral"

# Abbreviations councils use in labels, expanded before matching.
ABBREVIATIONS = {
    "cla": "children looked after", "lac": "children looked after", "cin": "children in need",
    "cp": "child protection", "cpp": "child protection plan", "eet": "education employment training",
    "neet": "not in education employment training", "ehcp": "education health care plan",
    "ehcps": "education health care plan", "ehc": "education health care", "ehe": "elective home education",
    "pa": "persistent absence", "uasc": "unaccompanied asylum seeking children",
    "ifa": "independent fostering agencies", "dsg": "dedicated schools grant", "hnb": "high needs block",
    "send": "special educational needs disabilities", "fsm": "free school meals", "yos": "youth offending",
    "eyfs": "early years foundation stage", "gld": "good level development", "pex": "permanent exclusions",
    "fte": "full time equivalent", "sw": "social worker", "htst": "home to school transport",
    "ta": "temporary accommodation",
}
# Abbreviations a sentence spells out for the reader (a table keeps the label as written)
# ("EO" only as a scorecard's flag after an indicator: "... entering care (overall) EO")
_SPELLED_OUT = {"TA": "temporary accommodation", "EO": "(equality objective)"}
_ABBREVIATED = re.compile(r"\bTA\b|\bEO\b(?=\s*(?:\(|$))")


def spelled_out(label: str) -> str:
    """A label as a sentence says it: ``Households in TA`` -> ``Households in temporary accommodation``."""
    return _ABBREVIATED.sub(lambda m: _SPELLED_OUT[m[0]], label) if "TA" in label or "EO" in label else label


_WORD = re.compile(r"[a-z0-9]+")
_STOP = {"of", "the", "a", "an", "and", "in", "to", "with", "for", "on", "at", "by", "who", "are",
         "is", "as", "or", "no", "number", "numbers", "rate", "per", "10000", "aged", "s"}


def words(text: str) -> frozenset[str]:
    """The meaningful words of a label, abbreviations expanded, in lower case."""
    out: set[str] = set()
    for word in _WORD.findall(text.lower().replace("&", " and ").replace(",", "")):
        for part in ABBREVIATIONS.get(word, word).split():
            if part not in _STOP:
                out.add(_singular(part))
    return frozenset(out)


def _singular(part: str) -> str:
    return part[:-1] if len(part) > 4 and part.endswith("s") and not part.endswith("ss") else part


def written(vocabulary: frozenset[str]) -> frozenset[str]:
    """The words as written (plural, abbreviation) that ``words`` makes a ``vocabulary`` word of."""
    tokens = set()
    for word in vocabulary:
        tokens.update(t for t in (word, word + "s") if t not in _STOP and _singular(t) == word)
    tokens -= ABBREVIATIONS.keys()
    tokens.update(k for k, expansion in ABBREVIATIONS.items() if words(expansion) & vocabulary)
    return frozenset(tokens)


def mentions(vocabulary: frozenset[str]) -> Callable[[str], bool]:
    """A quick test of whether ``words(text)`` shares a word with ``vocabulary``: the text's words
    as written are looked up in the ones that become a vocabulary word (plural, abbreviation)."""
    tokens = written(vocabulary)
    return lambda text: not tokens.isdisjoint(_WORD.findall(text.lower().replace(",", "")))


@dataclass(frozen=True, slots=True)
class Metric:
    id: str
    name: str
    domain: str
    unit: str
    polarity: str
    keywords: tuple[frozenset[str], ...] = field(default=())


def _metric(id_: str, name: str, domain: str, unit: str, polarity: str, *aliases: str) -> Metric:
    return Metric(id_, name, domain, unit, polarity, tuple(words(a) for a in (name, *aliases)))


CATALOGUE: tuple[Metric, ...] = (
    # Finance: General Fund measures (matched on the column, for money)
    _metric("fin_budget_current", "Current budget", FINANCE, "GBP", NEUTRAL, "budget", "revised budget"),
    _metric("fin_forecast_outturn", "Forecast outturn", FINANCE, "GBP", NEUTRAL, "projection", "forecast", "outturn"),
    # a variance named by what it is the difference of ("Forecast variance", "Budget variance",
    # "Forecast outturn variance") is a variance, and the change in one a movement
    _metric("fin_variance", "Variance", FINANCE, "GBP", LOWER, "variance", "overspend", "forecast variance",
            "budget variance", "revised budget variance", "outturn variance", "forecast outturn variance",
            "forecast overspend"),
    _metric("fin_variance_movement", "Movement in variance", FINANCE, "GBP", LOWER, "movement"),
    _metric("fin_expenditure", "Gross expenditure", FINANCE, "GBP", NEUTRAL, "expenditure"),
    _metric("fin_income", "Income", FINANCE, "GBP", NEUTRAL, "income"),
    _metric("fin_reserves", "Reserves", FINANCE, "GBP", NEUTRAL, "reserves", "balance"),
    _metric("fin_agency_spend", "Agency staffing spend", FINANCE, "GBP", LOWER, "agency spend", "agency staffing"),
    _metric("plc_avg_weekly_cost", "Average weekly placement cost", FINANCE, "GBP", LOWER, "average weekly cost"),
    _metric("plc_avg_unit_cost_annual", "Average unit cost", FINANCE, "GBP", LOWER, "average unit cost"),
    _metric("dsg_block_allocation", "DSG allocation by block", FINANCE, "GBP", NEUTRAL, "schools block",
            "high needs block", "early years block", "central services block", "total dsg"),
    _metric("dsg_in_year_variance", "DSG in-year variance", FINANCE, "GBP", LOWER, "in-year variance surplus deficit"),
    _metric("dsg_cumulative_deficit", "DSG cumulative deficit", FINANCE, "GBP", LOWER, "deficit carry forward",
            "balance b/f", "brought forward deficit"),
    # Social care
    _metric("cla_count", "Children looked after", SOCIAL_CARE, "count", NEUTRAL, "looked after children"),
    _metric("cla_rate_per_10k", "CLA rate per 10,000", SOCIAL_CARE, "per_10000", NEUTRAL,
            "children looked after rate", "children entering care rate"),
    _metric("uasc_count", "Unaccompanied asylum-seeking children", SOCIAL_CARE, "count", NEUTRAL, "uasc"),
    _metric("cla_foster_care_pct", "CLA in foster care", SOCIAL_CARE, "percent", HIGHER, "cla foster care"),
    _metric("cla_placed_out_of_area_pct", "CLA placed out of area", SOCIAL_CARE, "percent", LOWER,
            "cla placed outside", "cla out of area"),
    _metric("cla_missing_pct", "CLA with a missing episode", SOCIAL_CARE, "percent", LOWER, "cla missing"),
    _metric("cla_health_assessment_pct", "CLA health assessments", SOCIAL_CARE, "percent", HIGHER, "cla health assessment"),
    _metric("adoptions_count", "Children adopted", SOCIAL_CARE, "count", HIGHER, "adoptions", "adopted"),
    _metric("care_leavers_count", "Care leavers", SOCIAL_CARE, "count", NEUTRAL, "care leavers open"),
    _metric("care_leavers_eet_pct", "Care leavers in education, employment or training", SOCIAL_CARE, "percent",
            HIGHER, "care leavers eet", "care leavers in eet"),
    _metric("care_leavers_eet_work_ready_pct", "Care leavers EET who are work ready", SOCIAL_CARE, "percent",
            HIGHER, "care leavers work ready"),
    _metric("care_leavers_neet_pct", "Care leavers NEET", SOCIAL_CARE, "percent", LOWER, "care leavers neet"),
    _metric("care_leavers_suitable_accom_pct", "Care leavers in suitable accommodation", SOCIAL_CARE,
            "percent", HIGHER, "care leavers suitable accommodation"),
    _metric("cin_count", "Children in need", SOCIAL_CARE, "count", NEUTRAL, "cin"),
    _metric("cin_rate_per_10k", "CIN rate per 10,000", SOCIAL_CARE, "per_10000", NEUTRAL, "children in need rate"),
    _metric("cpp_count", "Children subject to a child protection plan", SOCIAL_CARE, "count", NEUTRAL,
            "child protection plan", "cp plans", "children on cp plan"),
    _metric("cpp_rate_per_10k", "CP plan rate per 10,000", SOCIAL_CARE, "per_10000", NEUTRAL, "child protection rate"),
    _metric("contacts_count", "Contacts to the front door", SOCIAL_CARE, "count", NEUTRAL, "contacts"),
    _metric("referrals_count", "Referrals to children's social care", SOCIAL_CARE, "count", NEUTRAL, "referrals"),
    _metric("re_referral_rate_pct", "Re-referrals within 12 months", SOCIAL_CARE, "percent", LOWER,
            "re-referrals", "re referral"),
    _metric("assessment_timeliness_pct", "Assessments completed on time", SOCIAL_CARE, "percent", HIGHER,
            "assessments timescale", "assessments on time"),
    _metric("case_audit_good_pct", "Case audits graded good or outstanding", SOCIAL_CARE, "percent", HIGHER,
            "audits good outstanding", "case audits good"),
    _metric("early_help_families", "Early help interventions (families)", SOCIAL_CARE, "count", HIGHER,
            "early help families", "families early help", "supporting families"),
    _metric("da_open_cases", "Cases where domestic abuse is the predominant factor", SOCIAL_CARE, "count",
            NEUTRAL, "domestic abuse", "families domestic abuse predominant factor"),
    _metric("foster_carers_count", "Foster carers", SOCIAL_CARE, "count", HIGHER, "foster carer households",
            "foster carers", "fostering households"),
    _metric("missing_episodes", "Missing episodes", SOCIAL_CARE, "count", LOWER, "missing episodes"),
    # Inclusion
    _metric("ehcp_maintained", "EHC plans maintained", INCLUSION, "count", NEUTRAL, "ehcp maintained",
            "ehc plans maintained"),
    _metric("ehcp_pct_pupils", "Pupils with an EHCP", INCLUSION, "percent", NEUTRAL, "pupils with ehcp",
            "ehcp of pupils"),
    _metric("ehc_requests", "EHC needs assessment requests", INCLUSION, "count", NEUTRAL, "ehc requests",
            "ehc needs assessment requests", "requests for assessment"),
    _metric("ehc_requests_refused", "EHC assessment requests refused", INCLUSION, "count", NEUTRAL,
            "ehc refused", "assessments refused"),
    _metric("ehcp_issued", "EHC plans issued", INCLUSION, "count", NEUTRAL, "ehcp issued", "ehc plans issued",
            "new ehcp"),
    _metric("ehcp_20wk_pct", "EHCPs issued within 20 weeks", INCLUSION, "percent", HIGHER, "ehcp 20 weeks",
            "ehc plans within 20 weeks", "20 week timeliness", "issued within 20 weeks"),
    _metric("annual_reviews_count", "EHCP annual reviews", INCLUSION, "count", NEUTRAL, "annual reviews"),
    _metric("send_tribunals", "SEND tribunals", INCLUSION, "count", LOWER, "tribunals"),
    _metric("send_mediations", "SEND mediations", INCLUSION, "count", NEUTRAL, "mediations"),
    _metric("send_places_commissioned", "New SEND places commissioned", INCLUSION, "count", HIGHER,
            "send places", "specialist places"),
    _metric("permanent_exclusions", "Permanent exclusions", INCLUSION, "count", LOWER, "permanent exclusions"),
    _metric("suspensions", "Suspensions", INCLUSION, "count", LOWER, "suspensions", "fixed term exclusions",
            "fixed period exclusions"),
    _metric("cla_suspensions", "CLA suspensions", INCLUSION, "count", LOWER, "cla suspensions"),
    _metric("cla_part_time_timetable", "CLA on part-time timetables", INCLUSION, "count", LOWER,
            "part time timetables"),
    _metric("ehe_total", "Elective home education", INCLUSION, "count", NEUTRAL, "ehe", "home educated"),
    _metric("attendance_rate_pct", "Attendance", INCLUSION, "percent", HIGHER, "attendance", "present average"),
    # DfE's "sess_overall_percent_pa_10_exact" is persistent absence (of overall sessions), not overall absence
    _metric("persistent_absence_pct", "Persistent absence", INCLUSION, "percent", LOWER, "persistent absence",
            "persistently absent", "overall persistent absence"),
    _metric("overall_absence_pct", "Overall absence", INCLUSION, "percent", LOWER, "overall absence"),
    _metric("unauthorised_absence_pct", "Unauthorised absence", INCLUSION, "percent", LOWER, "unauthorised absence",
            "unauthorized absence"),
    # Education
    _metric("school_ofsted_good_pct", "Schools judged good or outstanding", EDUCATION, "percent", HIGHER,
            "schools good outstanding", "ofsted good outstanding"),
    _metric("schools_inadequate_pct", "Schools judged inadequate", EDUCATION, "percent", LOWER, "schools inadequate"),
    _metric("school_ofsted_dist", "Schools by Ofsted judgement", EDUCATION, "count", NEUTRAL, "ofsted judgement",
            "outstanding", "requires improvement", "inadequate", "not yet inspected"),
    _metric("childcare_quality_pct", "Early years providers good or outstanding", EDUCATION, "percent", HIGHER,
            "early years providers good"),
    _metric("eyfs_gld_pct", "Good level of development (EYFS)", EDUCATION, "percent", HIGHER, "gld",
            "good level of development"),
    _metric("phonics_pct", "Phonics screening check", EDUCATION, "percent", HIGHER, "phonics"),
    _metric("ks2_rwm_pct", "KS2 reading, writing and maths expected standard", EDUCATION, "percent", HIGHER,
            "ks2 rwm", "reading writing maths"),
    _metric("ks4_fsm_gap_att8", "KS4 Attainment 8 gap, FSM and non-FSM", EDUCATION, "number", LOWER,
            "attainment 8 gap", "fsm gap"),
    _metric("ey_takeup_3_4_pct", "Early education take-up, 3 and 4 year olds", EDUCATION, "percent", HIGHER,
            "early education take up", "take up 3 4 year olds"),
    # Workforce
    _metric("wf_headcount", "Headcount", WORKFORCE, "count", NEUTRAL, "headcount"),
    _metric("wf_turnover_pct", "Staff turnover", WORKFORCE, "percent", LOWER, "turnover"),
    _metric("wf_vacancies", "Vacancies", WORKFORCE, "count", LOWER, "vacancies", "vacancy rate"),
    _metric("wf_absence", "Sickness absence", WORKFORCE, "percent", LOWER, "sickness absence", "staff absence"),
    _metric("wf_agency_workers", "Agency social workers", WORKFORCE, "count", LOWER, "agency social workers",
            "agency workers", "locums"),
    _metric("wf_caseload_avg", "Average caseload", WORKFORCE, "count", LOWER, "average caseload", "caseloads"),
    # Other context
    _metric("child_poverty_pct", "Children in poverty", OTHER, "percent", LOWER, "child poverty", "children in poverty"),
    # Homelessness: pressures, each worse as it rises
    _metric("homelessness_approaches", "Homelessness approaches", OTHER, "count", LOWER, "homelessness approaches",
            "homeless approaches", "homelessness presentations", "homeless presentations"),
    _metric("ta_households", "Households in temporary accommodation", OTHER, "count", LOWER,
            "temporary accommodation"),
    _metric("ta_days_avg", "Average days in temporary accommodation", OTHER, "number", LOWER,
            "days in temporary accommodation"),
    _metric("bb_families", "Families in bed and breakfast", OTHER, "count", LOWER, "families b&b",
            "families bed and breakfast"),
    _metric("rough_sleepers", "Rough sleepers", OTHER, "count", LOWER, "rough sleeping"),
)

OTHER_METRIC = Metric("other", "Other figure", OTHER, "number", NEUTRAL)
BY_ID: dict[str, Metric] = {m.id: m for m in CATALOGUE} | {OTHER_METRIC.id: OTHER_METRIC}
FINANCE_MEASURES = tuple(m for m in CATALOGUE if m.domain == FINANCE)
NON_MONEY = tuple(m for m in CATALOGUE if m.unit != "GBP")


def _best(text: str, candidates: tuple[Metric, ...], unit: str | None = None) -> Metric | None:
    """The candidate whose keyword set, all present in ``text``, is largest; a tie is broken by
    ``unit`` (a count or a rate of the same thing), else None.

    Only the words as written that become catalogue words count, so the answer is kept by those
    ("Fostering 17" and "Fostering 18" are asked once, and their other words never made)."""
    key = (catalogue_words(text), candidates is FINANCE_MEASURES, unit)
    found = _BEST.get(key, _BEST)
    if found is _BEST:
        if len(_BEST) > 10_000:
            _BEST.clear()
        found = _BEST[key] = _scored(words(" ".join(sorted(key[0]))), candidates, unit)
    return found


_BEST: dict = {}


def catalogue_words(text: str) -> frozenset[str]:
    """The words of ``text`` as written that become catalogue words: all that :func:`match_metric`
    reads of it (texts with the same ones name the same metric)."""
    return _CATALOGUE_WORDS.intersection(_WORD.findall(text.lower().replace(",", "")))



def catalogue_words_each(texts: list[str]) -> list[frozenset[str]]:
    """:func:`catalogue_words` of each text, read in one pass over them all (a batch of row labels)."""
    found = catalogue_words_found(texts)
    return [frozenset()] * len(texts) if found is None else found


def catalogue_words_found(texts: list[str]) -> list[frozenset[str]] | None:
    """:func:`catalogue_words_each`, or None when no text has any (told as quickly as
    :data:`mentions_catalogue` tells it of them all): the words of the texts, a line break between
    each two, kept where they are catalogue words."""
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1:
        each = list(map(catalogue_words, texts))
        return each if any(each) else None
    # _WORD's words and the breaks, as bytes: every other byte made a space (three times quicker than findall)
    tokens = joined.lower().replace(",", "").encode().translate(_WORD_BYTES).replace(b"\n", b" \n ").split(b" ")
    if _CATALOGUE_BYTES.isdisjoint(tokens):
        return None
    each = b" ".join(filter(_KEPT_BYTES.__contains__, tokens)).split(b"\n")
    sets = {words: frozenset(words.decode().split()) for words in dict.fromkeys(each)}   # a set per distinct answer
    return list(map(sets.__getitem__, each))


def _scored(label_words: frozenset[str], candidates: tuple[Metric, ...], unit: str | None) -> Metric | None:
    if not label_words:
        return None
    scored: dict[str, int] = {}
    for metric in candidates:
        for keys in metric.keywords:
            if keys and keys <= label_words:
                scored[metric.id] = max(scored.get(metric.id, 0), len(keys))
    if not scored:
        return None
    top = max(scored.values())
    winners = [BY_ID[mid] for mid, score in scored.items() if score == top]
    if len(winners) > 1:
        winners = [m for m in winners if m.unit == (unit or "count")]
    return winners[0] if len(winners) == 1 else None


# Money columns named by a phrase rather than by catalogue words: the change in a variance
# ("Change in forecast variance", "Forecast variance movement"), and "Over/(Under) spend",
# "Under/(Over)", "Overspend/(Underspend)"
_MONEY_PHRASES = (
    (re.compile(r"\b(?:change|movement)\b.*\bvariance\b|\bvariance\b.*\b(?:change|movement)\b", re.IGNORECASE),
     "fin_variance_movement"),
    (re.compile(r"\b(?:over|under)(?:\s*spend)?\s*/\s*\(?\s*(?:under|over)", re.IGNORECASE), "fin_variance"),
)


def match_metric(label: str, measure: str | None = None, unit: str | None = None) -> Metric:
    """The catalogue metric an imported figure belongs to, or :data:`OTHER_METRIC`.

    Money is matched on its column (``Current Budget`` -> current budget) since its row is a
    service line; everything else is matched on its row label, then on its column.
    """
    if unit == "GBP":
        for pattern, metric_id in _MONEY_PHRASES:
            if measure and pattern.search(measure):
                return BY_ID[metric_id]
        for text in (measure, label):
            if text and (found := _best(text, FINANCE_MEASURES)):
                return found
        return BY_ID["fin_budget_current"] if measure is None else OTHER_METRIC
    for text in (label, measure):
        if text and (found := _best(text, NON_MONEY, unit)):
            return found
    return OTHER_METRIC


def metric(metric_id: str) -> Metric:
    """The catalogue entry for ``metric_id``; unknown ids are ``other``."""
    return BY_ID.get(metric_id, OTHER_METRIC)

VOCABULARY = frozenset().union(*(keys for m in CATALOGUE for keys in m.keywords))
# Whether a label shares a word with any catalogue keyword (if not, it cannot name a metric).
_CATALOGUE_WORDS = written(VOCABULARY)
_CATALOGUE_BYTES = frozenset(word.encode() for word in _CATALOGUE_WORDS)
_KEPT_BYTES = _CATALOGUE_BYTES | {b"\n"}   # what catalogue_words_found keeps of the words it reads
_WORD_BYTES = bytes(c if chr(c) in "abcdefghijklmnopqrstuvwxyz0123456789\n" else 32 for c in range(256))
mentions_catalogue = mentions(VOCABULARY)
