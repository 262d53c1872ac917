"""Regular expressions that several rule modules share (publishers, places, periodicals, dates)."""

from __future__ import annotations

import re

from ... import recache
from ..dates import YEAR_RE
from ..vocabulary import MEDIUM_WORDS, PUBLISHER_WORDS

APA_DATE = recache.compile(
    rf"[(\[]\s*(?:[A-Za-z]{{3,9}}\.?\s+(?:\d{{1,2}},?\s+)?)?(?P<y>{YEAR_RE})(?P<suf>[a-z])?(?:[,/-]\s*[^)\]]{{0,25}})?[)\]]\s*[.,:]?|\(\s*(?:n\.\s*d\.|in press|forthcoming|in preparation|under review|s\.\s?d\.|s\.\s?f\.|o\.\s?J\.|sans date|sin fecha)\s*\)\s*[.,]?",
    re.IGNORECASE,
)


NOT_CONTAINER_WORDS = recache.compile(
    r"(?i)[\W\d_]*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|spring|summer|fall|autumn|winter)[a-z]*\.?|"
    r"vol\.?|volume|pages?|pp?\.?|version|paper|no\.?|issue|accessed|available|retrieved|online)?[\W\d_]*"
)


NOT_A_CONTAINER = recache.compile(
    r"(?i)^(?:ph\.?\s*d|doctoral|master|m\.?\s*sc|diploma\b|bachelor|tech(?:nical)?\.?\s*(?:report|rep|memo)|report\b|"
    r"research report|working paper|manuscript|preprint|unpublished|personal communication|us patent|patent\b|"
    r"internet[- ]draft|submitted|draft\b|tr[- ]?\d|thesis|dissertation|habilitation|"
    r"edited\b|translated\b|trans\.(?!\s+[A-Z][a-z]+\.)|reprint|revised|dir\.|perf\.|\[|\(translated|with an? |introduction by|foreword|"
    r"accessed\b|available\b|retrieved\b|last modified|to appear|in press|forthcoming|ed\.\s|eds\.\s|\d+(?:st|nd|rd|th)\s+ed|"
    r"\d+(?:st|nd|rd|th|e|ère|nd)\.?\s+(?:\w+\.?\s+){0,2}(?:ed|edn|edition|version|vyd|aufl)\b|arxiv\b|"
    r"[\w.]+\s+patent\b|patent\b|tech\.?\s*rpt|edited\s+by|translated\s+by|tr\.\s|disponible\b|"
    rf"(?:{MEDIUM_WORDS})(?=\s*[,.;]|\s*$)|mimeo|vol(?:ume)?\.?\s*\d+(?:st|nd|rd|th)?(?=[\s.,]|$)(?!\s+of\b)|prod\.\s|rev\.\s+ed\b|\d+\.\s+(?:vyd|aufl|ed)\b)"
)


LOCATION_PUBLISHER = recache.compile(
    r"^[\s,.;(]*(?P<loc>[A-Z][\w'’.-]*(?:(?<![a-z]{4}\.)[ /-](?:(?:de|da|do|la|del|am|upon|on|sur|im)\s)?[A-Z][\w'’.-]*){0,3}"
    r"(?:\s\([A-Z]{2,3}\))?(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?){0,2})"
    r"\s*:\s*(?P<pub>[^,.;()]{2,80})"
)


PUBLISHER_WORD = recache.compile(rf"(?i)\b(?:{PUBLISHER_WORDS})\b")


CONF_WORD = recache.compile(
    r"(?i)\b(?:proc\.?|proceedings|conference|conf\.|symposium|symp\.|workshop|congress|meeting|colloquium)\b"
)


NEWSPAPER = recache.compile(
    r"(?i)\b(?:daily|times|post|herald|gazette|tribune|news\b|newspaper|observer|guardian|journal\b(?=.*\bnews)|financial times)"
)


JOURNALISH = recache.compile(
    r"(?i)journal|review|proceedings|transactions|quarterly|bulletin|annals|letters|magazine|studies|research"
    r"|\b(?:j|trans|proc|lett|rev|comput|sci)\.|\bJ\b|:"
)


NUMBERS_NEXT = recache.compile(r"[\s,.;]*(?:vol\.?\s*)?\d{1,4}\s*(?:\(\s*\d[^)]{0,8}\))?\s*[:,]\s*\d")
