"""LaTeX: \\footnote with nested braces, comments, \\footnotetext, \\bibitem and \\cite."""

import time

from citecheck.document import read_document


def test_footnote_with_nested_braces_is_one_note_and_one_marker():
    text = r"Solar grew.\footnote{Fu Cong: \emph{China-EU {Green} Cooperation}, \textit{Journal}, 2021, p.~80.} Next."
    doc = read_document(text)
    assert doc.format == "latex"
    assert [n.text for n in doc.notes] == ["Fu Cong: China-EU Green Cooperation, Journal, 2021, p. 80."]
    assert [m.raw for m in doc.markers] == ["\\footnote"]
    note = doc.notes[0]
    assert doc.text[note.span.start : note.span.end].startswith("Fu Cong")


def test_commented_footnotes_are_ignored_and_numbers_kept():
    text = "A.% \\footnote{hidden}\nB.\\footnote[7]{Xinhua, 2019.}\n"
    doc = read_document(text, format="latex")
    assert [(n.id, n.number, n.text) for n in doc.notes] == [("fn7", 7, "Xinhua, 2019.")]


def test_bibitems_are_notes_linked_from_cite_keys():
    text = (
        "As shown \\cite{fu2021,liu2017}.\n\\begin{thebibliography}{9}\n"
        "\\bibitem{fu2021} Fu Cong, China-EU Green Cooperation, 2021.\n"
        "\\bibitem{liu2017} Liu Dehai, Green development, 2017.\n\\end{thebibliography}\n"
    )
    doc = read_document(text)
    assert [n.marker for n in doc.notes] == ["\\bibitem{fu2021}", "\\bibitem{liu2017}"]
    assert doc.notes[1].text == "Liu Dehai, Green development, 2017."
    assert [m.raw for m in doc.markers] == ["\\cite{fu2021}", "\\cite{liu2017}"]


def test_unclosed_brace_and_deep_nesting_do_not_break_the_reader():
    deep = "\\footnote{" + "{" * 10000 + "x" + "}" * 10000 + "}"
    t0 = time.perf_counter()
    doc = read_document("Text." + deep + " More.\\footnote{never closed\n\nNext paragraph.", format="latex")
    assert time.perf_counter() - t0 < 1.0
    assert [n.text for n in doc.notes] == ["x", "never closed"]
    assert any("closing brace" in w for w in doc.warnings)


def test_links_and_accents_read_as_text():
    text = r"Claim.\footnote{Jos\'e P\'erez, \href{http://x.org/a}{Green Finance}, \url{http://y.org}, 2015.}"
    assert (
        read_document(text).notes[0].text == "José Pérez, http://x.org/a Green Finance, http://y.org, 2015."
    )


class _CountingPattern:
    """A compiled pattern that counts the characters it is asked to scan."""

    def __init__(self, pattern):
        self.pattern = pattern
        self.scanned = 0

    def _span(self, string, pos=0, endpos=None):
        return (len(string) if endpos is None else min(endpos, len(string))) - pos

    def search(self, string, pos=0, endpos=None):
        self.scanned += self._span(string, pos, endpos)
        return self.pattern.search(string, pos, len(string) if endpos is None else endpos)

    def finditer(self, string, pos=0, endpos=None):
        self.scanned += self._span(string, pos, endpos)
        return self.pattern.finditer(string, pos, len(string) if endpos is None else endpos)

    def sub(self, repl, string, count=0):
        self.scanned += len(string)
        return self.pattern.sub(repl, string, count)


def test_footnotes_on_one_long_line_are_read_with_work_linear_in_the_text(monkeypatch):
    from citecheck.document import latex

    counter = _CountingPattern(latex._COMMENT)
    monkeypatch.setattr(latex, "_COMMENT", counter)
    line = "".join(f"Claim {i}.\\footnote{{Xinhua, 2019, p. {i}.}} " for i in range(2000))
    doc = read_document(line + "\n", format="latex")
    assert len(doc.notes) == 2000 and doc.notes[-1].text == "Xinhua, 2019, p. 1999."
    # each character is looked at for comments a bounded number of times, however many
    # \footnote share its line (a rescan from the line start per footnote is quadratic)
    assert counter.scanned <= 3 * len(line), (counter.scanned, len(line))
