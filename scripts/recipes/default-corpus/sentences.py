"""Sentence templates: simple clauses, yes/no and wh-questions, subordinate clauses (weil,
obwohl, wenn, während), dass-clauses, coordination and relative clauses, each built from
clauses.py's random clauses and said in both languages by grammar.py. gen_pair draws a template
by weight until one gives a pair of 4 to 25 English words."""

from clauses import Ctx, gen_clause, gen_np, wchoice
from grammar import (NP, PP, Clause, cap, de_np, de_v1, de_v2, de_verb, de_vfinal, en_decl,
                     en_question, en_tail, en_vg, finish)
from lexicon import SUBCONJ
from words import SAY_VERBS


def pick_tf(rng):
    return 'pres' if rng.random() < 0.62 else 'past'


def sent_simple(rng, ctx):
    tf = pick_tf(rng)
    cl = gen_clause(rng, tf, ctx, allow_time=0.25, allow_front=0.55, allow_freq=0.12,
                    allow_neg=0.15, pp_front=0.08)
    return en_decl(cl) + '.', de_v2(cl) + '.'


def sent_yn(rng, ctx):
    tf = pick_tf(rng)
    ctx = Ctx(**ctx.__dict__)
    ctx.allow_kein_det = False
    cl = gen_clause(rng, tf, ctx, allow_time=0.15, question=True, inverted=True)
    if cl.subj.kind == 'pron' and cl.subj.pron == 'I':
        return None
    return en_question(cl) + '?', de_v1(cl) + '?'


def sent_wh(rng, ctx):
    tf = pick_tf(rng)
    ctx = Ctx(**ctx.__dict__)
    ctx.allow_kein_det = False
    kind = wchoice(rng, [('who_subj', 3), ('what_obj', 3), ('who_obj', 2), ('who_dat', 2),
                         ('where', 3), ('why', 2), ('when', 1)])
    if kind == 'who_subj':
        who = NP('wh')
        cl = gen_clause(rng, tf, ctx, subj=who, inverted=True,
                        verb_filter=lambda v: 'P' in v.subj)
        cl.subj = who
        en = ' '.join(['who'] + en_vg(cl, '3sg') + en_tail(cl))
        de = de_v1(cl, wh='wer', subj_is_wh=True)
        return en + '?', de + '?'
    if kind in ('what_obj', 'who_obj'):
        want_p = kind == 'who_obj'

        def vf(v):
            if v.frame not in ('acc', 'have', 'ditr'):
                return False
            return ('P' in v.obj) if want_p else bool(v.obj - {'P', 'A'})

        cl = gen_clause(rng, tf, ctx, verb_filter=vf, question=True, inverted=True)
        if want_p:
            if not (cl.obj.kind in ('pron', 'name') or 'P' in cl.obj.noun.tags):
                return None
        else:
            if cl.obj.kind != 'noun' or cl.obj.noun.tags & {'P', 'A'}:
                return None
        if cl.verb.frame == 'ditr' and cl.to_form:
            return None
        if cl.subj.kind == 'pron' and cl.subj.pron == 'I':
            return None
        if cl.verb.particle == 'at' and cl.pp is not None:   # "look at at the lake"
            cl.pp = None
        en = en_question(cl, wh='who' if want_p else 'what', gap='obj')
        de = de_v1(cl, gap='obj', wh='wen' if want_p else 'was')
        return en + '?', de + '?'
    if kind == 'who_dat':
        cl = gen_clause(rng, tf, ctx, verb_filter=lambda v: v.frame in ('dat', 'ditr'),
                        question=True, inverted=True)
        if cl.verb.frame == 'ditr':
            cl.to_form = True
        if cl.subj.kind == 'pron' and cl.subj.pron == 'I':
            return None
        en = en_question(cl, wh='who', gap='dat')
        de = de_v1(cl, gap='dat', wh='wem')
        return en + '?', de + '?'
    if kind == 'where':
        cl = gen_clause(rng, tf, ctx, verb_filter=lambda v: v.where is not None,
                        question=True, inverted=True)
        if cl.subj.kind == 'pron' and cl.subj.pron == 'I':
            return None
        if cl.verb.frame == 'cop':
            if not isinstance(cl.pred, PP):
                return None
            en = en_question(cl, wh='where', gap='pred')
            de = de_v1(cl, gap='pred', wh='wo')
            return en + '?', de + '?'
        if cl.pp is None or cl.pp.kind != ('dir' if cl.verb.where == 'wohin' else 'loc'):
            return None
        en = en_question(cl, wh='where', gap='pp')
        de = de_v1(cl, gap='pp', wh=cl.verb.where)
        return en + '?', de + '?'
    # why / when
    cl = gen_clause(rng, tf, ctx, question=True, inverted=True,
                    verb_filter=lambda v: kind == 'why' or v.frame != 'cop')
    if cl.subj.kind == 'pron' and cl.subj.pron == 'I':
        return None
    wh_en, wh_de = ('why', 'warum') if kind == 'why' else ('when', 'wann')
    return en_question(cl, wh=wh_en) + '?', de_v1(cl, wh=wh_de) + '?'


def sent_sub(rng, ctx):
    en_c, de_c, tfs, _ = wchoice(rng, [(c, c[3]) for c in SUBCONJ])
    tf = 'pres' if tfs == 'pres' else pick_tf(rng)
    sub_first = rng.random() < (0.55 if en_c in ('if', 'when') else 0.3)
    sctx = Ctx(**ctx.__dict__)
    sctx.adj_p = 0.15
    if sub_first:
        main = gen_clause(rng, tf, sctx, allow_neg=0.12, inverted=True)
    else:
        main = gen_clause(rng, tf, sctx, allow_neg=0.12, allow_time=0.15, allow_front=1.0)
    sub_tf = tf
    tense_set = None
    if tf == 'pres' and en_c in ('because', 'although') and rng.random() < 0.25:
        sub_tf = 'past'
        tense_set = {'perf'}
    sctx.exclude = set(main.subj.lemma_keys())
    sub = gen_clause(rng, sub_tf, sctx, allow_neg=0.15, tense_set=tense_set)
    if tfs == 'pres' and sub.tense == 'modal' and sub.modal == 'must':
        return None
    if sub_first:
        en = cap(en_c) + ' ' + en_decl(sub) + ', ' + en_decl(main)
        de = de_vfinal(sub, cap(de_c))
        de = de_v2(main, prefield=de + ',', subj_in_prefield=False)
    else:
        en = en_decl(main) + ' ' + en_c + ' ' + en_decl(sub)
        de = de_v2(main) + ', ' + de_vfinal(sub, de_c)
    return en + '.', de + '.'


def sent_dass(rng, ctx):
    sv = rng.choice(SAY_VERBS)
    sctx = Ctx(**ctx.__dict__)
    sctx.adj_p = 0.15
    subj = gen_np(rng, {'P'}, 'subj', Ctx(pron_p=0.45, name_p=0.1, adj_p=0.15))
    m = Clause(verb=sv, tense='pres', subj=subj)
    if sv.key in ('knowthat', 'think') and rng.random() < 0.12:
        m.neg = True
    sctx.exclude = set(subj.lemma_keys())
    emb = gen_clause(rng, pick_tf(rng), sctx, allow_neg=0.12, allow_time=0.12,
                     allow_freq=0.08)
    en = en_decl(m) + ' that ' + en_decl(emb)
    fin, _, _ = de_verb(m, subj.person)
    de = ' '.join([de_np(subj, 'nom'), fin] + (['nicht'] if m.neg else [])) + \
        ', ' + de_vfinal(emb, 'dass')
    return en + '.', de + '.'


def sent_coord(rng, ctx):
    tf = pick_tf(rng)
    sctx = Ctx(**ctx.__dict__)
    sctx.adj_p = 0.15
    c1 = gen_clause(rng, tf, sctx, allow_neg=0.1)
    sctx.exclude = set(c1.subj.lemma_keys())
    but = rng.random() < 0.35
    c2 = gen_clause(rng, tf, sctx, allow_neg=0.35 if but else 0.1)
    if but:
        return en_decl(c1) + ', but ' + en_decl(c2) + '.', de_v2(c1) + ', aber ' + de_v2(c2) + '.'
    return en_decl(c1) + ' and ' + en_decl(c2) + '.', de_v2(c1) + ' und ' + de_v2(c2) + '.'


def attach_rel(rng, np, ctx, tf):
    role = wchoice(rng, [('subj', 5), ('obj', 4), ('dat', 1.2)])
    rctx = Ctx(**ctx.__dict__)
    rctx.adj_p = 0.12
    rctx.exclude = set(ctx.exclude) | set(np.lemma_keys())
    rctx.allow_kein_det = False
    try:
        rc = gen_clause(rng, tf, rctx, force_role=role, force_np=np, allow_neg=0.08,
                        verb_filter=lambda v: v.frame != 'ditr')
    except RuntimeError:
        return False
    np.rel = (rc, role)
    return True


def sent_rel(rng, ctx):
    tf = pick_tf(rng)
    sctx = Ctx(**ctx.__dict__)
    sctx.adj_p = 0.15
    sctx.pron_p = 0.0
    sctx.name_p = 0.0
    if rng.random() < 0.55:
        # relative clause on the subject
        main = gen_clause(rng, tf, sctx, allow_neg=0.1)
        s = main.subj
        if s.kind != 'noun' or s.det not in ('def', 'indef', 'this', 'poss'):
            return None
        if not attach_rel(rng, s, sctx, pick_tf(rng)):
            return None
        s_keys = set(s.rel[0].subj.lemma_keys()) | set(lemma for x in (s.rel[0].obj, s.rel[0].dat)
                                                     if x is not None for lemma in x.lemma_keys())
        other = set()
        for x in (main.obj, main.dat, main.pp, main.pobj):
            if x is not None:
                other |= set(x.lemma_keys())
        if s_keys & other:
            return None
        return en_decl(main) + '.', finish(de_v2(main), '.')
    # relative clause on a sentence-final object
    octx = Ctx(**sctx.__dict__)
    octx.pron_p = 0.15
    main = gen_clause(rng, tf if rng.random() < 0.6 else 'pres', octx,
                      verb_filter=lambda v: v.frame in ('acc', 'have') and not v.prefix,
                      allow_pp=False, tense_set={'pres', 'prog', 'past'})
    if main.tense not in ('pres', 'prog') or main.neg or main.time or main.freq:
        return None
    o = main.obj
    if o.kind != 'noun' or o.det not in ('def', 'indef', 'this', 'poss', 'bare'):
        return None
    ex = Ctx(**octx.__dict__)
    ex.exclude = set(main.subj.lemma_keys())
    if not attach_rel(rng, o, ex, 'pres' if rng.random() < 0.6 else 'past'):
        return None
    return en_decl(main) + '.', finish(de_v2(main), '.')


TEMPLATES = [(sent_simple, 44), (sent_yn, 8), (sent_wh, 9), (sent_sub, 14),
             (sent_dass, 8), (sent_coord, 7), (sent_rel, 9)]


def gen_pair(rng):
    ctx = Ctx()
    while True:
        fn = wchoice(rng, TEMPLATES)
        r = fn(rng, ctx)
        if r is None:
            continue
        en, de = r
        end = en[-1]
        en = finish(en[:-1], end)
        de = finish(de[:-1], end)
        n = len(en.split())
        if 4 <= n <= 25:
            return en, de
