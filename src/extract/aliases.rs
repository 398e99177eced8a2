//! Alias merging across the whole corpus: one entity for "Donald Trump", "Trump", "President
//! Trump" and "Trump’s"; an acronym with its expansion; "Orsa" with "Orsa River". Names are
//! merged only when exactly one candidate fits, so "Moscow" and "Kremlin" stay apart.

use std::collections::HashMap;

use super::entities::{Evidence, Raw, key_of};
use super::{Entity, EntityClass, EntityId, Mention};
use crate::document::{Corpus, DocId};
use crate::lexicon::{self, Gender, HeadWord};

/// The entities of a corpus, each document's mentions in position order, and the gender each
/// entity's mentions tell (for resolving "he" and "she").
pub struct Clustered {
    pub entities: Vec<Entity>,
    pub mentions: Vec<Vec<Mention>>,
    pub genders: Vec<Option<Gender>>,
}

/// Names with the same key, before they are merged with other keys.
struct Group {
    key: String,
    words: Vec<String>,
    evidence: Evidence,
    acronym: bool,
    lexicon: Option<&'static str>,
    members: Vec<(usize, usize)>,
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, mut x: usize) -> usize {
        while let Some(&p) = self.0.get(x) {
            if p == x {
                break;
            }
            let grand = self.0.get(p).copied().unwrap_or(p);
            if let Some(slot) = self.0.get_mut(x) {
                *slot = grand;
            }
            x = p;
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            if let Some(slot) = self.0.get_mut(hi) {
                *slot = lo;
            }
        }
    }
}

/// Merge the candidates of every document into entities; returns them and each document's
/// mentions in position order.
pub fn cluster(corpus: &Corpus, raws: Vec<Vec<Raw>>) -> Clustered {
    let mut groups: Vec<Group> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut group_of: Vec<Vec<usize>> = Vec::with_capacity(raws.len());
    let nearest = nearest_full_names(corpus, &raws);
    for (d, list) in raws.iter().enumerate() {
        let Some(doc) = corpus.documents.get(d) else {
            group_of.push(Vec::new());
            continue;
        };
        let mut ids = Vec::with_capacity(list.len());
        for (i, r) in list.iter().enumerate() {
            let surface = doc.slice(r.span);
            let key = match (r.lexicon, nearest.get(&(d, i))) {
                (Some(e), _) => format!("lex:{}", e.canonical),
                (None, Some(full)) => full.clone(),
                (None, None) => key_of(surface),
            };
            let g = *by_key.entry(key.clone()).or_insert_with(|| {
                groups.push(Group {
                    words: key.split(' ').map(str::to_string).collect(),
                    key,
                    evidence: Evidence::default(),
                    acronym: r.acronym,
                    lexicon: r.lexicon.map(|e| e.canonical),
                    members: Vec::new(),
                });
                groups.len() - 1
            });
            if let Some(group) = groups.get_mut(g) {
                group.acronym |= r.acronym;
                group.evidence.add(&r.evidence);
                group.members.push((d, i));
            }
            ids.push(g);
        }
        group_of.push(ids);
    }
    mark_demonyms(&mut groups);
    let mut uf = UnionFind((0..groups.len()).collect());
    for (list, ids) in raws.iter().zip(&group_of) {
        let at: HashMap<_, usize> = list.iter().zip(ids).map(|(r, &g)| (r.span, g)).collect();
        for (r, &g) in list.iter().zip(ids) {
            if let Some(&target) = r.expands.and_then(|span| at.get(&span)) {
                uf.union(g, target);
            }
        }
    }
    merge_acronyms(&groups, &mut uf);
    merge_short_forms(&groups, &mut uf);
    merge_place_prefixed(&groups, &mut uf);
    merge_middle_initials(&groups, &mut uf);
    build(corpus, &raws, &groups, &group_of, &mut uf)
}

/// One-word names that shorten a person's full name where the corpus has more than one
/// candidate ("Velk" with "Tomas Velk" and "Arvid Velk"), or a given name alone ("Arvid"):
/// each takes the key of the nearest full name in its own document, the one before it first.
/// A surname with a single candidate is left to [`merge_short_forms`].
fn nearest_full_names(corpus: &Corpus, raws: &[Vec<Raw>]) -> HashMap<(usize, usize), String> {
    let mut by_last: HashMap<String, Vec<String>> = HashMap::new();
    let mut by_first: HashMap<String, Vec<String>> = HashMap::new();
    let mut full: Vec<Vec<(u32, String)>> = Vec::with_capacity(raws.len());
    for (doc, list) in corpus.documents.iter().zip(raws) {
        let mut here = Vec::new();
        for r in list.iter().filter(|r| r.lexicon.is_none()) {
            let key = key_of(doc.slice(r.span));
            let words: Vec<&str> = key.split(' ').collect();
            if words.len() < 2 || r.evidence.class() != Some(EntityClass::Person) {
                continue;
            }
            if let (Some(first), Some(last)) = (words.first(), words.last()) {
                push_unique(by_last.entry((*last).to_string()).or_default(), &key);
                push_unique(by_first.entry((*first).to_string()).or_default(), &key);
            }
            here.push((r.span.start, key));
        }
        full.push(here);
    }
    let mut out = HashMap::new();
    for (d, (doc, list)) in corpus.documents.iter().zip(raws).enumerate() {
        let Some(here) = full.get(d) else {
            continue;
        };
        for (i, r) in list.iter().enumerate() {
            if r.lexicon.is_some() || r.acronym {
                continue;
            }
            let key = key_of(doc.slice(r.span));
            if key.contains(' ') {
                continue;
            }
            let surname = by_last.get(&key).map_or(&[][..], Vec::as_slice);
            let given = by_first.get(&key).map_or(&[][..], Vec::as_slice);
            let e = r.evidence;
            let elsewhere =
                e.place.max(e.org).max(e.other) >= 2.0 && e.class() != Some(EntityClass::Person);
            if surname.len() < 2 && (given.is_empty() || !surname.is_empty() || elsewhere) {
                continue;
            }
            let fits = |k: &String| surname.contains(k) || given.contains(k);
            // Only the full names within a reach are looked at: a long text stays linear.
            let at = here.partition_point(|(at, _)| *at < r.span.start);
            let before = here
                .get(at.saturating_sub(NEAREST_REACH)..at)
                .and_then(|b| b.iter().rev().find(|(_, k)| fits(k)));
            let after = here
                .get(at..(at + NEAREST_REACH).min(here.len()))
                .and_then(|a| a.iter().find(|(_, k)| fits(k)));
            let only = match (surname, given) {
                ([], [one]) | ([one], []) => Some(one),
                _ => None,
            };
            if let Some(k) = before.or(after).map(|(_, k)| k).or(only) {
                out.insert((d, i), k.clone());
            }
        }
    }
    out
}

/// How many full names either side of a short one are looked at for the nearest.
const NEAREST_REACH: usize = 64;

fn push_unique(list: &mut Vec<String>, key: &str) {
    if !list.iter().any(|k| k == key) {
        list.push(key.to_string());
    }
}

/// "Carvanian" beside "Carvania": a nationality formed from a place the corpus names is a
/// group (class other), not a person or a place.
fn mark_demonyms(groups: &mut [Group]) {
    let places: std::collections::HashSet<String> = groups
        .iter()
        .filter(|g| g.evidence.class() == Some(EntityClass::Place))
        .map(|g| match g.lexicon {
            Some(name) => key_of(name),
            None => g.key.clone(),
        })
        .collect();
    for g in groups.iter_mut() {
        if g.words.len() != 1 || g.lexicon.is_some() {
            continue;
        }
        let key = g.key.trim_end_matches('s');
        let derived = ["n", "an", "ian", "ese", "i", "ish"].iter().any(|suffix| {
            key.strip_suffix(suffix).is_some_and(|stem| {
                places.contains(stem)
                    || ['a', 'e', 'y', 'o']
                        .iter()
                        .any(|v| places.contains(&format!("{stem}{v}")))
            })
        });
        if derived {
            g.evidence.other += 4.0;
        }
    }
}

const NAME_CONNECTORS: [&str; 6] = ["of", "the", "and", "for", "&", "de"];

fn initials(words: &[String]) -> String {
    words
        .iter()
        .filter(|w| !NAME_CONNECTORS.contains(&w.as_str()))
        .filter_map(|w| w.chars().next())
        .collect()
}

/// "ODNI" joins "Office of the Director of National Intelligence" when only one name has
/// those initials.
fn merge_acronyms(groups: &[Group], uf: &mut UnionFind) {
    let mut by_initials: HashMap<String, Vec<usize>> = HashMap::new();
    for (g, group) in groups.iter().enumerate() {
        if group.words.len() > 1 && group.lexicon.is_none() {
            by_initials
                .entry(initials(&group.words))
                .or_default()
                .push(g);
        }
    }
    for (g, group) in groups.iter().enumerate() {
        if !group.acronym || group.lexicon.is_some() {
            continue;
        }
        if let Some([only]) = by_initials.get(&group.key).map(Vec::as_slice) {
            uf.union(g, *only);
        }
    }
}

/// One-word names join the only longer name they shorten: a person's surname ("Trump" →
/// "Donald Trump"), or a place or organisation without its head word ("Orsa" → "Orsa River").
fn merge_short_forms(groups: &[Group], uf: &mut UnionFind) {
    let mut by_last: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_stem: HashMap<String, Vec<usize>> = HashMap::new();
    for (g, group) in groups.iter().enumerate() {
        if group.words.len() < 2 || group.lexicon.is_some() {
            continue;
        }
        match group.evidence.class() {
            Some(EntityClass::Person) => {
                if let Some(last) = group.words.last() {
                    by_last.entry(last.as_str()).or_default().push(g);
                }
            }
            Some(EntityClass::Place | EntityClass::Organization) => {
                let n = group.words.len() - 1;
                let head = group.words.get(n).map(String::as_str).unwrap_or("");
                if lexicon::head_word(&capitalise(head)).is_some_and(|h| h != HeadWord::Other) {
                    by_stem
                        .entry(group.words[..n].join(" "))
                        .or_default()
                        .push(g);
                }
            }
            _ => {}
        }
    }
    for (g, group) in groups.iter().enumerate() {
        if group.words.len() != 1 || group.lexicon.is_some() || group.acronym {
            continue;
        }
        let word = group.key.as_str();
        let person = by_last.get(word).map(Vec::as_slice);
        let stem = by_stem.get(word).map(Vec::as_slice);
        match (person, stem) {
            (Some([only]), _) => uf.union(g, *only),
            (None, Some([only])) if compatible(group, groups.get(*only)) => uf.union(g, *only),
            _ => {}
        }
    }
}

/// "Loretta Lynch" joins the only person named with a middle initial between the same two
/// words ("Loretta E. Lynch").
fn merge_middle_initials(groups: &[Group], uf: &mut UnionFind) {
    let mut by_ends: HashMap<String, Vec<usize>> = HashMap::new();
    for (g, group) in groups.iter().enumerate() {
        if let [first, middle, last] = group.words.as_slice()
            && middle.chars().count() == 1
            && group.lexicon.is_none()
            && group.evidence.class() == Some(EntityClass::Person)
        {
            by_ends
                .entry(format!("{first} {last}"))
                .or_default()
                .push(g);
        }
    }
    for (g, group) in groups.iter().enumerate() {
        if group.words.len() != 2 || group.lexicon.is_some() || group.acronym {
            continue;
        }
        if let Some([only]) = by_ends.get(&group.key).map(Vec::as_slice) {
            uf.union(g, *only);
        }
    }
}

/// "U.S. Coast Guard" and "Coast Guard", "British Museum" and "Museum" only when a head word
/// says it is a body: an organisation named with a leading place or people joins the same name
/// without it, when only one such longer name has that rest.
fn merge_place_prefixed(groups: &[Group], uf: &mut UnionFind) {
    let by_key: HashMap<&str, usize> = groups
        .iter()
        .enumerate()
        .map(|(g, group)| (group.key.as_str(), g))
        .collect();
    let mut longer: HashMap<usize, Vec<usize>> = HashMap::new();
    for (g, group) in groups.iter().enumerate() {
        if group.evidence.class() != Some(EntityClass::Organization) {
            continue;
        }
        for k in 1..=2.min(group.words.len().saturating_sub(1)) {
            let (prefix, rest) = group.words.split_at(k);
            let Some(&short) = by_key.get(rest.join(" ").as_str()) else {
                continue;
            };
            let headed = rest.len() >= 2
                || rest.first().is_some_and(|w| {
                    lexicon::head_word(&capitalise(w)) == Some(HeadWord::Organization)
                });
            if headed && place_or_people(&prefix.join(" ")) {
                longer.entry(short).or_default().push(g);
                break;
            }
        }
    }
    for (short, long) in longer {
        let fits = groups.get(short).is_some_and(|s| {
            s.lexicon.is_none()
                && matches!(s.evidence.class(), None | Some(EntityClass::Organization))
        });
        if let ([only], true) = (long.as_slice(), fits) {
            uf.union(short, *only);
        }
    }
}

/// A whole lexicon name of a place or a people ("us", "british"), in a name's key form.
fn place_or_people(key: &str) -> bool {
    lexicon::names().find(key, true).iter().any(|m| {
        m.start == 0
            && m.end == key.len()
            && matches!(
                m.entry.kind,
                lexicon::NameKind::Place | lexicon::NameKind::Group
            )
    })
}

/// A one-word name may shorten a longer one unless its own evidence clearly says otherwise:
/// "Velmar" (a dateline city) is not short for "Velmar Herald".
fn compatible(short: &Group, long: Option<&Group>) -> bool {
    let e = short.evidence;
    let strongest = e.person.max(e.org).max(e.place).max(e.other);
    match (e.class(), long.and_then(|l| l.evidence.class())) {
        (Some(EntityClass::Person), _) => false,
        (None, _) => true,
        (Some(a), Some(b)) => a == b || strongest < 2.0,
        (Some(_), None) => strongest < 2.0,
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn build(
    corpus: &Corpus,
    raws: &[Vec<Raw>],
    groups: &[Group],
    group_of: &[Vec<usize>],
    uf: &mut UnionFind,
) -> Clustered {
    // Entities are numbered by first mention: document order, then position.
    let mut order: Vec<(DocId, u32, usize)> = Vec::new();
    for (d, (list, ids)) in raws.iter().zip(group_of).enumerate() {
        for (r, &g) in list.iter().zip(ids) {
            order.push((DocId(d as u32), r.span.start, uf.find(g)));
        }
    }
    order.sort();
    let mut entity_of_root: HashMap<usize, EntityId> = HashMap::new();
    let mut roots: Vec<usize> = Vec::new();
    for &(_, _, root) in &order {
        entity_of_root.entry(root).or_insert_with(|| {
            roots.push(root);
            EntityId(roots.len() as u32 - 1)
        });
    }
    let mut entities: Vec<Entity> = roots
        .iter()
        .enumerate()
        .map(|(i, _)| Entity {
            id: EntityId(i as u32),
            name: String::new(),
            class: EntityClass::Other,
            mentions: Vec::new(),
        })
        .collect();
    let mut evidence = vec![Evidence::default(); roots.len()];
    let mut best: Vec<Option<(usize, bool, usize, String)>> = vec![None; roots.len()];
    let mut lexicon_name: Vec<Option<&'static str>> = vec![None; roots.len()];
    let mut mentions: Vec<Vec<Mention>> = vec![Vec::new(); raws.len()];
    let mut votes = vec![GenderVote::Unknown; roots.len()];
    for (g, group) in groups.iter().enumerate() {
        let Some(&id) = entity_of_root.get(&uf.find(g)) else {
            continue;
        };
        let e = id.index();
        if let Some(slot) = evidence.get_mut(e) {
            slot.add(&group.evidence);
        }
        if let (Some(slot), Some(name)) = (lexicon_name.get_mut(e), group.lexicon) {
            slot.get_or_insert(name);
        }
        for &(d, i) in &group.members {
            let (Some(doc), Some(r)) =
                (corpus.documents.get(d), raws.get(d).and_then(|l| l.get(i)))
            else {
                continue;
            };
            if let Some(slot) = votes.get_mut(e) {
                fold_gender(slot, r.gender);
            }
            let surface = doc.slice(r.span);
            // The fullest form names the entity: most words, then not in capitals, then longest.
            let rank = (
                surface.split_whitespace().count(),
                !words_all_caps(surface),
                surface.len(),
                surface.to_string(),
            );
            if let Some(slot) = best.get_mut(e)
                && slot
                    .as_ref()
                    .is_none_or(|b| (b.0, b.1, b.2) < (rank.0, rank.1, rank.2))
            {
                *slot = Some(rank);
            }
            if let Some(entity) = entities.get_mut(e) {
                entity.mentions.push(super::Located {
                    doc: DocId(d as u32),
                    span: r.span,
                });
            }
            if let Some(list) = mentions.get_mut(d) {
                list.push(Mention {
                    span: r.span,
                    entity: id,
                });
            }
        }
    }
    for (e, entity) in entities.iter_mut().enumerate() {
        let lex = lexicon_name.get(e).copied().flatten();
        let fallback = best.get(e).and_then(|b| b.as_ref()).map(|b| b.3.clone());
        let name = lex.map(str::to_string).or(fallback).unwrap_or_default();
        // A name seen only in capitals ("BRENNICK" in a dateline) is shown in title case.
        entity.name =
            if name.chars().filter(|c| c.is_alphabetic()).count() > 5 && words_all_caps(&name) {
                name.split(' ')
                    .map(|w| capitalise(&w.to_lowercase()))
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                name
            };
        let ev = evidence.get(e).copied().unwrap_or_default();
        entity.class = ev.class().unwrap_or(EntityClass::Other);
        entity.mentions.sort();
    }
    for list in &mut mentions {
        list.sort_by_key(|m| (m.span.start, m.span.end));
        list.dedup_by_key(|m| m.span);
    }
    let genders = votes
        .into_iter()
        .map(|v| match v {
            GenderVote::Known(g) => Some(g),
            _ => None,
        })
        .collect();
    Clustered {
        entities,
        mentions,
        genders,
    }
}

fn words_all_caps(s: &str) -> bool {
    super::words::all_caps(s)
}

/// Fold one mention's gender into an entity's: kept while mentions agree, lost on conflict.
fn fold_gender(slot: &mut GenderVote, g: Option<Gender>) {
    *slot = match (*slot, g) {
        (v, None) => v,
        (GenderVote::Unknown, Some(g)) => GenderVote::Known(g),
        (GenderVote::Known(f), Some(g)) if f == g => GenderVote::Known(f),
        _ => GenderVote::Conflict,
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GenderVote {
    Unknown,
    Known(Gender),
    Conflict,
}
