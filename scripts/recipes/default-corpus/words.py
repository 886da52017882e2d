"""The lexicon's nouns, adjectives and verbs as objects (NOUNS, ADJS, VERBS, SAY_VERBS, and
NOUN, ADJ, VERB, SAY by English key or verb key), with the fields the grammar reads: tag sets
to select by, English verb forms by name, the German present with its plural."""

import lexicon


class Noun:
    def __init__(self, en, en_pl, de, de_pl, g, tags, weak=None, loc=(),
                 to=None, dirs=(), put=(), frm=False):
        self.en, self.en_pl, self.de, self.de_pl, self.g = en, en_pl, de, de_pl, g
        self.tags = frozenset(tags.split())
        self.weak = weak          # weak masculine: form for acc/dat/plural
        self.loc = tuple(loc)     # ((english prep, kind), ...) as a location
        self.to = to              # "to the X": 'zu' (+dat) or 'in' (+acc)
        self.dirs = tuple(dirs)   # other directions: through, over, onto, into
        self.put = tuple(put)     # "puts sth <prep> the X" (+acc)
        self.frm = frm            # "picks sb up from the X" (von + dat)
        self.mass = 'M' in self.tags

    def de_form(self, num, case):
        if num == 'sg':
            return self.weak if (self.weak and case != 'nom') else self.de
        if case == 'dat' and not self.de_pl.endswith(('n', 's')):
            return self.de_pl + 'n'
        return self.de_pl


class Adj:
    def __init__(self, en, pred, stem, tags, cls):
        self.en, self.pred, self.stem, self.cls = en, pred, stem, cls
        self.tags = frozenset(tags.split())


class Verb:
    def __init__(self, key, en, de_inf, de_pres, de_pp, frame, subj, obj='', dat='',
                 particle='', prefix='', aux='haben', pl=None, pret=None,
                 stative=False, no_perf=False, pps=None, dbl=True, to_form=True,
                 where=None, no_pron_obj=False, weight=1.0):
        self.key = key
        self.en = dict(zip(('base', 's', 'past', 'pp', 'ing'), en))
        self.particle = particle
        self.de_inf = de_inf
        base_inf = de_inf[len(prefix):] if prefix else de_inf
        self.de_pres = tuple(de_pres) + ((pl or base_inf),)
        self.de_pp = de_pp
        self.prefix = prefix
        self.aux = aux
        self.pret = pret
        self.frame = frame       # intr acc dat ditr put have cop
        self.subj = frozenset(subj.split())
        self.obj = frozenset(obj.split())
        self.dat = frozenset(dat.split())
        self.stative = stative
        self.no_perf = no_perf
        self.pps = pps or {}     # kind -> (prob, spec)
        self.dbl = dbl           # English double-object form allowed
        self.to_form = to_form   # English "to"-dative form allowed
        self.where = where       # 'wo' / 'wohin' for where-questions
        self.no_pron_obj = no_pron_obj
        self.weight = weight


def _entry(kind, fields):
    """A lexicon entry: positional fields, then optionally a dict of the keyword ones."""
    if isinstance(fields[-1], dict):
        return kind(*fields[:-1], **fields[-1])
    return kind(*fields)


NOUNS = [_entry(Noun, fields) for fields in lexicon.NOUNS]
NOUN = {n.en: n for n in NOUNS}
ADJS = [Adj(*fields) for fields in lexicon.ADJS]
ADJ = {a.en: a for a in ADJS}
VERBS = [_entry(Verb, fields) for fields in lexicon.VERBS]
VERB = {v.key: v for v in VERBS}
# verbs taking a "that"-clause (present tense only)
SAY_VERBS = [_entry(Verb, fields) for fields in lexicon.SAY_VERBS]
SAY = {v.key: v for v in SAY_VERBS}
