"""Hand-checked examples (each one is re-generated and compared by --check, which
also runs before every generation):

    The small dog sees the old man.
    Der kleine Hund sieht den alten Mann.
    Today the woman reads a book.
    Heute liest die Frau ein Buch.
    The child sleeps because the man sees the dog.
    Das Kind schläft, weil der Mann den Hund sieht.
    The woman gives the child a red apple.
    Die Frau gibt dem Kind einen roten Apfel.
    The teacher has helped the students.
    Der Lehrer hat den Studenten geholfen.
    Anna called the neighbor.
    Anna hat den Nachbarn angerufen.
    The man puts the key on the table.
    Der Mann legt den Schlüssel auf den Tisch.
    The cat is sleeping on the sofa.
    Die Katze schläft auf dem Sofa.
    Because the girl is tired, she does not go to the school.
    Weil das Mädchen müde ist, geht sie nicht zur Schule.
    I think that you have forgotten the key.
    Ich denke, dass du den Schlüssel vergessen hast.
    The dog that the children see is black.
    Der Hund, den die Kinder sehen, ist schwarz.
    Who does the woman help?
    Wem hilft die Frau?
    Does the man drink cold water?
    Trinkt der Mann kaltes Wasser?
    We do not have a car.
    Wir haben kein Auto.
"""

import sys

from grammar import NP, PP, Clause, de_np, de_v1, de_v2, de_vfinal, en_decl, en_question, finish
from lexicon import NUMBERS, POSSESSIVES, TIMES
from words import ADJ, NOUN, SAY, VERB


def _np(det, noun, *adjs, num='sg', poss=None, numw=None):
    return NP('noun', noun=NOUN[noun], det=det, adjs=[ADJ[a] for a in adjs], num=num,
              poss=poss, numw=numw)


def _pron(key):
    return NP('pron', pron=key)


def check_examples():
    ex = []
    c = Clause(verb=VERB['see'], subj=_np('def', 'dog', 'small'), obj=_np('def', 'man', 'old'))
    ex.append((en_decl(c), de_v2(c), 'The small dog sees the old man',
               'Der kleine Hund sieht den alten Mann'))
    c = Clause(verb=VERB['read'], subj=_np('def', 'woman'), obj=_np('indef', 'book'),
               time=TIMES[0], front='time')
    ex.append((en_decl(c), de_v2(c), 'Today the woman reads a book',
               'Heute liest die Frau ein Buch'))
    m = Clause(verb=VERB['sleep'], subj=_np('def', 'child'))
    s = Clause(verb=VERB['see'], subj=_np('def', 'man'), obj=_np('def', 'dog'))
    ex.append((en_decl(m) + ' because ' + en_decl(s), de_v2(m) + ', ' + de_vfinal(s, 'weil'),
               'The child sleeps because the man sees the dog',
               'Das Kind schläft, weil der Mann den Hund sieht'))
    c = Clause(verb=VERB['give'], subj=_np('def', 'woman'), dat=_np('def', 'child'),
               obj=_np('indef', 'apple', 'red'))
    ex.append((en_decl(c), de_v2(c), 'The woman gives the child a red apple',
               'Die Frau gibt dem Kind einen roten Apfel'))
    c = Clause(verb=VERB['help'], tense='perf', subj=_np('def', 'teacher'),
               dat=_np('def', 'student', num='pl'))
    ex.append((en_decl(c), de_v2(c), 'The teacher has helped the students',
               'Der Lehrer hat den Studenten geholfen'))
    c = Clause(verb=VERB['call'], tense='past', subj=NP('name', name='Anna'),
               obj=_np('def', 'neighbor'))
    ex.append((en_decl(c), de_v2(c), 'Anna called the neighbor',
               'Anna hat den Nachbarn angerufen'))
    c = Clause(verb=VERB['put'], subj=_np('def', 'man'), obj=_np('def', 'key'),
               pp=PP('put:on', _np('def', 'table')))
    ex.append((en_decl(c), de_v2(c), 'The man puts the key on the table',
               'Der Mann legt den Schlüssel auf den Tisch'))
    c = Clause(verb=VERB['sleep'], tense='prog', subj=_np('def', 'cat'),
               pp=PP('loc:on', _np('def', 'sofa')))
    ex.append((en_decl(c), de_v2(c), 'The cat is sleeping on the sofa',
               'Die Katze schläft auf dem Sofa'))
    s = Clause(verb=VERB['be'], subj=_np('def', 'girl'), pred=ADJ['tired'])
    m = Clause(verb=VERB['go'], subj=_pron('she'), neg=True,
               pp=PP('dir:zu', _np('def', 'school')))
    ex.append(('Because ' + en_decl(s) + ', ' + en_decl(m),
               de_v2(m, prefield=de_vfinal(s, 'Weil') + ',', subj_in_prefield=False),
               'Because the girl is tired, she does not go to the school',
               'Weil das Mädchen müde ist, geht sie nicht zur Schule'))
    e = Clause(verb=VERB['forget'], tense='perf', subj=_pron('you'), obj=_np('def', 'key'))
    m = Clause(verb=SAY['think'], subj=_pron('I'))
    ex.append((en_decl(m) + ' that ' + en_decl(e),
               de_np(m.subj, 'nom') + ' denke, ' + de_vfinal(e, 'dass'),
               'I think that you have forgotten the key',
               'ich denke, dass du den Schlüssel vergessen hast'))
    dog = _np('def', 'dog')
    rc = Clause(verb=VERB['see'], subj=_np('def', 'child', num='pl'), obj=dog)
    dog.rel = (rc, 'obj')
    c = Clause(verb=VERB['be'], subj=dog, pred=ADJ['black'])
    ex.append((en_decl(c) + '.', finish(de_v2(c), '.'),
               'The dog that the children see is black.',
               'Der Hund, den die Kinder sehen, ist schwarz.'))
    c = Clause(verb=VERB['help'], subj=_np('def', 'woman'), dat=None)
    ex.append((en_question(c, wh='who', gap='dat'), de_v1(c, gap='dat', wh='wem'),
               'who does the woman help', 'wem hilft die Frau'))
    c = Clause(verb=VERB['drink'], subj=_np('def', 'man'), obj=_np('bare', 'water', 'cold'))
    ex.append((en_question(c), de_v1(c), 'does the man drink cold water',
               'trinkt der Mann kaltes Wasser'))
    c = Clause(verb=VERB['have'], subj=_pron('we'), obj=_np('indef', 'car'), neg=True)
    ex.append((en_decl(c), de_v2(c), 'we do not have a car', 'wir haben kein Auto'))
    # a few more agreement checks
    c = Clause(verb=VERB['play'], subj=_np('num', 'child', 'small', num='pl',
                                           numw=NUMBERS[1]),
               pp=PP('with', _np('poss', 'dog', 'black', num='pl', poss=POSSESSIVES[4])))
    ex.append((en_decl(c), de_v2(c), 'three small children play with our black dogs',
               'drei kleine Kinder spielen mit unseren schwarzen Hunden'))
    c = Clause(verb=VERB['go'], tense='perf', subj=_np('indef', 'boy', 'young'),
               pp=PP('dir:in', _np('def', 'room')))
    ex.append((en_decl(c), de_v2(c), 'a young boy has gone to the room',
               'ein junger Junge ist ins Zimmer gegangen'))
    c = Clause(verb=VERB['wait'], tense='modal', modal='want', subj=_pron('you'),
               pobj=PP('pobj', _np('def', 'bus')), neg=True)
    ex.append((en_decl(c), de_v2(c), 'you do not want to wait for the bus',
               'du willst nicht auf den Bus warten'))
    c = Clause(verb=VERB['watch'], tense='pres',
               subj=_np('indef', 'girl', 'happy'), obj=_np('indef', 'picture', 'beautiful'),
               time=TIMES[4], front='time')
    ex.append((en_decl(c), de_v2(c), 'in the evening a happy girl looks at a beautiful picture',
               'am Abend schaut ein glückliches Mädchen ein schönes Bild an'))
    c = Clause(verb=VERB['buy'], tense='past', subj=_np('poss', 'mother', 'sad',
                                                        poss=POSSESSIVES[2]),
               obj=_np('indef', 'apple'), pp=PP('loc:in', _np('def', 'supermarket'), kind='loc'))
    ex.append((en_decl(c), de_v2(c), 'his sad mother bought an apple in the supermarket',
               'seine traurige Mutter hat im Supermarkt einen Apfel gekauft'))
    c = Clause(verb=VERB['read'], subj=_np('def', 'man'), obj=_np('def', 'newspaper'),
               pp=PP('loc:on-in', _np('def', 'bus'), kind='loc'))
    ex.append((en_decl(c), de_v2(c), 'the man reads the newspaper on the bus',
               'der Mann liest die Zeitung im Bus'))
    bad = 0
    for en, de, en_exp, de_exp in ex:
        if en.lower() != en_exp.lower() or de.lower() != de_exp.lower():
            bad += 1
            print('CHECK FAILED:\n  %s\n  %s\n  expected:\n  %s\n  %s'
                  % (en, de, en_exp, de_exp), file=sys.stderr)
    return bad == 0, len(ex)
