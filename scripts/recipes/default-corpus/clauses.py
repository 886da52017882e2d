"""Random clauses: a verb by weight, then a tense, adverbs, a subject and the objects and
phrases the verb takes, each drawn so that the English and the German say the same thing (no
repeated noun, no "I see me", the German word order unmarked). Every draw goes through the
one random number generator passed in, in a fixed order: the corpus is a function of the seed.
"""

from grammar import NP, PP, Clause
from lexicon import FREQS, NAMES, NUMBERS, POSSESSIVES, PRON_KEYS, PRONOUNS, TIMES
from words import ADJS, NOUNS, VERBS


def wchoice(rng, items):
    """items: list of (value, weight)."""
    total = sum(w for _, w in items)
    r = rng.random() * total
    for v, w in items:
        r -= w
        if r < 0:
            return v
    return items[-1][0]


def nouns_with(tags, exclude=()):
    return [n for n in NOUNS if n.tags & tags and n.en not in exclude]


def compatible_adjs(noun):
    return [a for a in ADJS if a.tags & noun.tags]


def gen_adjs(rng, noun, p1):
    cands = compatible_adjs(noun)
    if not cands or rng.random() >= p1:
        return []
    a = rng.choice(cands)
    if rng.random() < 0.15:
        pair_cls = (0, 1, 3, 4)
        if a.cls in pair_cls:
            others = [b for b in cands if b.cls in pair_cls and b.cls != a.cls]
            if others:
                b = rng.choice(others)
                return sorted([a, b], key=lambda x: x.cls)
    return [a]


class Ctx:
    """Knobs for one clause."""

    def __init__(self, **kw):
        self.adj_p = 0.3
        self.pron_p = 0.18
        self.name_p = 0.07
        self.allow_pron_obj = True
        self.allow_kein_det = True
        self.exclude = set()
        self.__dict__.update(kw)


def gen_np(rng, tags, role, ctx, force_sg=False, allow_coord=False, noun_filter=None):
    tags = frozenset(tags)
    if 'P' in tags:
        r = rng.random()
        if role == 'subj' and r < ctx.pron_p:
            return NP('pron', pron=rng.choice(PRON_KEYS))
        if role in ('obj', 'pp') and ctx.allow_pron_obj and r < ctx.pron_p * 0.6:
            return NP('pron', pron=rng.choice(PRON_KEYS))
        if r > 1 - ctx.name_p:
            name = rng.choice(NAMES)
            if name not in ctx.exclude:
                return NP('name', name=name)
    if allow_coord and role == 'subj' and rng.random() < 0.06:
        a = gen_np(rng, tags, 'coordpart', ctx, force_sg=True)
        b = gen_np(rng, tags, 'coordpart', ctx, force_sg=True)
        if a.kind in ('noun', 'name') and b.kind in ('noun', 'name') and \
                not set(a.lemma_keys()) & set(b.lemma_keys()):
            return NP('coord', parts=[a, b])
    cands = nouns_with(tags, ctx.exclude)
    if noun_filter:
        cands = [n for n in cands if noun_filter(n)]
    if not cands:
        return None
    n = rng.choice(cands)
    np = NP('noun', noun=n)
    person = 'P' in n.tags
    if n.mass:
        np.num = 'sg'
        opts = [('def', 40), ('bare', 48), ('poss', 7), ('this', 5)]
    elif force_sg or rng.random() < 0.7:
        np.num = 'sg'
        opts = [('def', 50), ('indef', 27), ('poss', 12), ('this', 7)]
        if 'one' in n.tags:       # "a father", "every mother": avoid
            opts = [('def', 50), ('poss', 30), ('this', 3)]
        if role == 'subj' and 'one' not in n.tags:
            opts.append(('every', 4))
    else:
        np.num = 'pl'
        opts = [('def', 40), ('bare', 22), ('num', 20), ('poss', 10), ('this', 5)]
        if role == 'subj':
            opts.append(('many', 4))
    if role == 'obj' and ctx.allow_kein_det:
        opts.append(('kein', 3))
    if role == 'pp':
        opts = [(d, w) for d, w in opts if d in ('def', 'indef', 'poss', 'this', 'bare', 'num')]
    if person and 'rel' not in n.tags:   # "our woman", "his man": avoid
        opts = [(d, w) for d, w in opts if d != 'poss']
    if np.num == 'pl' and 'one' in n.tags:
        np.num = 'sg'
        opts = [('def', 50), ('poss', 30)]
    np.det = wchoice(rng, opts)
    if np.det == 'poss':
        np.poss = rng.choice(POSSESSIVES)
    elif np.det == 'num':
        np.numw = rng.choice(NUMBERS)
    np.adjs = gen_adjs(rng, n, ctx.adj_p)
    return np


def gen_place_np(rng, noun, ctx):
    np = NP('noun', noun=noun, num='sg')
    opts = [('def', 80), ('poss', 8), ('indef', 6), ('this', 6)]
    if 'L' in noun.tags and not noun.tags & {'own', 'room'}:   # "my station": avoid
        opts = [('def', 85), ('indef', 8), ('this', 7)]
    if 'one' in noun.tags:
        opts = [('def', 80), ('poss', 20)]
    elif 'P' in noun.tags and 'rel' not in noun.tags:
        opts = [('def', 80), ('indef', 6), ('this', 6)]
    np.det = wchoice(rng, opts)
    if np.det == 'poss':
        np.poss = rng.choice(POSSESSIVES)
    np.adjs = gen_adjs(rng, noun, ctx.adj_p * 0.6)
    return np


def gen_loc(rng, kinds, ctx, thing=False):
    kinds = list(kinds)
    if not thing:
        kinds = [k for k in kinds if k != 'cont']
    frames = []
    for n in NOUNS:
        if n.en in ctx.exclude:
            continue
        for prep, kind in n.loc:
            if kind in kinds and not (thing and prep == 'at'):
                frames.append((prep, n))
    if 'home' in kinds and (not frames or rng.random() < 0.12):
        return PP('home:loc', kind='loc')
    if not frames:
        return None
    prep, n = rng.choice(frames)
    return PP('loc:' + prep, gen_place_np(rng, n, ctx), kind='loc')


def gen_dir(rng, kinds, ctx, subj_person_np=None):
    kind = rng.choice(list(kinds))
    if kind == 'home':
        return PP('home:dir', kind='dir')
    if kind == 'to_person':
        np = gen_np(rng, {'P'}, 'pp', ctx, force_sg=False)
        if np is None:
            return None
        return PP('dir:zu', np, kind='dir')
    if kind == 'to':
        cands = [n for n in NOUNS if n.to and 'P' not in n.tags and n.en not in ctx.exclude]
        n = rng.choice(cands)
        return PP('dir:' + n.to, gen_place_np(rng, n, ctx), kind='dir')
    cands = [n for n in NOUNS if kind in n.dirs and n.en not in ctx.exclude]
    if not cands:
        return None
    n = rng.choice(cands)
    return PP('dir:' + kind, gen_place_np(rng, n, ctx), kind='dir')


def gen_put(rng, ctx):
    frames = [(p, n) for n in NOUNS if n.en not in ctx.exclude for p in n.put]
    prep, n = rng.choice(frames)
    return PP('put:' + prep, gen_place_np(rng, n, ctx), kind='dir')


def gen_extra_pp(rng, key, tags, ctx):
    np = gen_np(rng, set(tags.split()), 'pp', ctx)
    if np is None:
        return None
    return PP(key, np, kind=key)


def choose_tense(rng, v, tf, allowed=None):
    if v.frame in ('cop', 'have'):
        opts = [('pres', 1)] if tf == 'pres' else [('past', 1)]
    elif tf == 'pres':
        opts = [('pres', 5)]
        if not v.stative:
            opts.append(('prog', 2.2))
        if not v.stative or v.key in ('see', 'find'):   # no "wants to like"
            opts.append(('modal', 1.6))
    else:
        opts = [('past', 3)]
        if not v.no_perf:
            opts.append(('perf', 2))
    if allowed is not None:
        opts = [(t, w) for t, w in opts if t in allowed]
        if not opts:
            return None
    return wchoice(rng, opts)


def gen_clause(rng, tf, ctx, *, verb_filter=None, subj=None, subj_role_np=None,
               force_role=None, force_np=None, allow_time=0.0, allow_front=0.0,
               allow_freq=0.0, allow_neg=0.0, allow_pp=True, question=False,
               no_modal=False, inverted=False, pp_front=0.0, tense_set=None):
    """Generate one clause.
    force_role/force_np: put a given NP into 'subj', 'obj' or 'dat' (relative
    clauses); the verb is chosen to accept it."""
    for _ in range(200):
        v = wchoice(rng, [(x, x.weight) for x in VERBS])
        if verb_filter and not verb_filter(v):
            continue
        if force_role == 'subj' and not force_np.has_tag(v.subj):
            continue
        if force_role == 'obj' and (v.frame not in ('acc', 'have') or not force_np.has_tag(v.obj)):
            continue
        if force_role == 'dat' and (v.frame != 'dat' or not force_np.has_tag(v.dat)):
            continue
        if subj is not None and not subj.has_tag(v.subj):
            continue
        cl = Clause(verb=v)
        # --- tense and adverbs
        tense = choose_tense(rng, v, tf, tense_set)
        if tense is None:
            continue
        if no_modal and tense == 'modal':
            continue
        if tense == 'modal':
            cl.modal = wchoice(rng, [('can', 0.45), ('want', 0.35), ('must', 0.2)])
            if question and cl.modal == 'must':
                cl.modal = 'can'
        if allow_time and rng.random() < allow_time:
            cand = [t for t in TIMES if tense in t[2] or (tf == 'pres' and 'fut' in t[2])]
            if cand:
                t = rng.choice(cand)
                if tense not in t[2]:
                    tense = 'fut'
                    cl.modal = None
                cl.time = t
                if rng.random() < allow_front:
                    cl.front = 'time'
        elif allow_freq and rng.random() < allow_freq and tense in ('pres', 'past', 'perf') \
                and (not v.stative or v.frame in ('cop', 'have')):
            cand = [f for f in FREQS if tense in f[2]]
            if cand:
                cl.freq = rng.choice(cand)
                if cl.freq[3] and rng.random() < allow_front * 0.6:
                    cl.front = 'freq'
        cl.tense = tense
        inv = inverted or cl.front is not None
        # --- subject
        exclude = set()
        if force_role == 'subj':
            cl.subj = force_np
        elif subj is not None:
            cl.subj = subj
        else:
            tags = set(v.subj)
            cl.subj = gen_np(rng, tags, 'subj', ctx, allow_coord=not question)
            if cl.subj is None:
                continue
        # English past == base ("read", "put") is ambiguous for I/you/we/they
        if tense == 'past' and not v.pret and v.en['past'] == v.en['base'] \
                and cl.subj.person != '3sg':
            if v.no_perf:
                continue
            cl.tense = tense = 'perf'
        exclude.update(cl.subj.lemma_keys())
        octx = Ctx(**ctx.__dict__)
        octx.exclude = set(ctx.exclude) | exclude
        if inv and cl.subj.kind != 'pron':
            octx.allow_pron_obj = False
        if v.no_pron_obj:
            octx.allow_pron_obj = False
        # --- objects
        f = v.frame
        if f in ('acc', 'have', 'put', 'ditr'):
            if force_role == 'obj':
                cl.obj = force_np
            else:
                otags = set(v.obj)
                role = 'obj'
                if f == 'ditr':
                    octx2 = Ctx(**octx.__dict__)
                    octx2.allow_pron_obj = False   # only dative pronouns in ditransitives
                    cl.obj = gen_np(rng, otags, role, octx2)
                else:
                    cl.obj = gen_np(rng, otags, role, octx)
                if cl.obj is None:
                    continue
            octx.exclude |= set(cl.obj.lemma_keys())
        if f in ('dat', 'ditr'):
            if force_role == 'dat':
                cl.dat = force_np
            else:
                cl.dat = gen_np(rng, set(v.dat), 'obj', octx)
                if cl.dat is None:
                    continue
                if cl.dat.kind == 'noun' and cl.dat.det == 'kein':
                    cl.dat.det = 'def'
            octx.exclude |= set(cl.dat.lemma_keys())
        if f == 'ditr':
            if not v.dbl:
                cl.to_form = True
            elif rng.random() < 0.35:
                cl.to_form = True
            # German order dat-NP acc-NP is unmarked unless dat indefinite + acc definite
            if cl.dat.indefinite_like() and not cl.obj.indefinite_like():
                continue
        # pronoun object must not be the subject itself (I see me)
        sp = cl.subj.person if cl.subj.kind == 'pron' else None
        bad = False
        for o in (cl.obj, cl.dat):
            if o is not None and o.kind == 'pron' and sp and PRONOUNS[o.pron][5] == sp:
                bad = True
        if bad:
            continue
        # --- copula predicate
        if f == 'cop':
            subj_np = cl.subj
            loc_p = 0.3 if not subj_np.kind == 'noun' or subj_np.noun.tags & {'P', 'A', 'port'} else 0.0
            if subj_np.kind == 'noun' and subj_np.noun.tags & {'L'}:
                loc_p = 0.0
            if rng.random() < loc_p:
                thing = subj_np.kind == 'noun' and 'port' in subj_np.noun.tags
                kinds = ('furn', 'cont', 'veh', 'area') if thing else ('area', 'home', 'furn', 'veh')
                cl.pred = gen_loc(rng, kinds, octx, thing=thing)
                if cl.pred is None:
                    continue
                octx.exclude |= set(cl.pred.lemma_keys())
            else:
                if subj_np.kind == 'noun':
                    cands = compatible_adjs(subj_np.noun)
                elif subj_np.kind == 'coord':
                    cands = [a for a in ADJS if all(a.tags & p.noun.tags if p.kind == 'noun'
                                                    else 'P' in a.tags for p in subj_np.parts)]
                else:
                    cands = [a for a in ADJS if 'P' in a.tags]
                used = set(a.cls for a in subj_np.adjs)
                if subj_np.kind == 'coord':
                    used = set(a.cls for p in subj_np.parts if p.kind == 'noun' for a in p.adjs)
                cands = [a for a in cands if a.cls not in used]
                if not cands:
                    continue
                cl.pred = rng.choice(cands)
        # --- PPs
        if allow_pp and f != 'cop':
            for kind, (prob, spec) in sorted(v.pps.items()):
                if cl.pp is not None or cl.pobj is not None:
                    break
                if f == 'put' or rng.random() >= prob:
                    continue
                if kind == 'loc':
                    thing = cl.subj.kind == 'noun' and 'port' in cl.subj.noun.tags
                    if f in ('acc',) and cl.obj is not None and cl.obj.kind == 'noun' \
                            and 'port' in cl.obj.noun.tags:
                        thing = True
                    cl.pp = gen_loc(rng, spec, octx, thing=thing)
                elif kind == 'dir':
                    cl.pp = gen_dir(rng, spec, octx)
                elif kind == 'pobj':
                    np = gen_np(rng, set(spec.split()), 'pp', octx)
                    cl.pobj = PP('pobj', np, kind='pobj') if np else None
                elif kind == 'from_place':
                    cands = [n for n in NOUNS if n.frm and n.en not in octx.exclude]
                    cl.pp = PP('from', gen_place_np(rng, rng.choice(cands), octx), kind='from')
                else:
                    cl.pp = gen_extra_pp(rng, kind, spec, octx)
            if f == 'put':
                cl.pp = gen_put(rng, octx)
            # required PPs
            req = {'go', 'drive', 'fly', 'jump', 'sit', 'lie'}
            if v.key in req and cl.pp is None:
                if 'dir' in v.pps:
                    cl.pp = gen_dir(rng, v.pps['dir'][1], octx)
                else:
                    thing = cl.subj.kind == 'noun' and 'port' in cl.subj.noun.tags
                    cl.pp = gen_loc(rng, v.pps['loc'][1], octx, thing=thing)
                if cl.pp is None:
                    continue
            if cl.pp is not None and cl.pp.kind == 'loc' and pp_front and cl.front is None \
                    and rng.random() < pp_front and cl.pp.key != 'home:loc':
                cl.front = 'pp'
                if cl.subj.kind != 'pron' and any(o is not None and o.kind == 'pron'
                                                  for o in (cl.obj, cl.dat)):
                    cl.front = None
        elif f != 'cop' and v.key in {'go', 'drive', 'fly', 'jump', 'sit', 'lie', 'put'}:
            continue
        # no duplicated lemma between subject, objects and PPs
        keys = []
        for x in (cl.subj, cl.obj, cl.dat):
            if x is not None:
                keys += x.lemma_keys()
        for x in (cl.pp, cl.pobj):
            if x is not None:
                keys += x.lemma_keys()
        if isinstance(cl.pred, PP):
            keys += cl.pred.lemma_keys()
        if sp and any(x is not None and x.np is not None and x.np.kind == 'pron'
                      and PRONOUNS[x.np.pron][5] == sp for x in (cl.pp, cl.pobj)):
            continue
        keys = [k for k in keys if not k.startswith('pron:')]
        if len(keys) != len(set(keys)):
            continue
        # --- negation
        if allow_neg and rng.random() < allow_neg and cl.freq is None:
            if cl.modal == 'must':
                pass
            elif cl.subj.kind == 'noun' and cl.subj.det in ('every', 'many', 'num', 'kein'):
                pass
            elif cl.pp is not None:
                pass
            elif cl.front == 'pp':
                pass
            else:
                ok = True
                for o in (cl.obj, cl.dat):
                    if o is None:
                        continue
                    if o.kind == 'noun' and o.det in ('num', 'many', 'kein', 'every'):
                        ok = False
                if cl.obj is not None and cl.dat is not None and not cl.dat.definite_like():
                    ok = False
                if ok:
                    cl.neg = True
        return cl
    raise RuntimeError('could not generate clause')
