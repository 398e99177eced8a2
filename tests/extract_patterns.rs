//! Extraction on small texts of our own, one pattern each: quote marks and their traps, speakers
//! before and after, pronouns and follow-on quotes, aliases and acronyms, headlines in capitals,
//! drift across versions, and input that is not English news.

mod common;

use common::corpus;

use parallax::document::Corpus;
use parallax::extract::{self, EntityClass, Extraction, Via, Wording};

fn quotes(c: &Corpus, x: &Extraction, doc: usize) -> Vec<(String, Option<String>, bool)> {
    x.documents[doc]
        .quotes
        .iter()
        .map(|q| {
            (
                c.documents[doc].slice(q.span).to_string(),
                q.speaker.as_ref().map(|s| s.name.clone()),
                q.scare,
            )
        })
        .collect()
}

fn entity<'a>(x: &'a Extraction, name: &str) -> &'a extract::Entity {
    x.entities
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no entity {name}: {:?}", x.entities))
}

#[test]
fn apostrophes_are_not_quotation_marks() {
    let c = corpus(&[
        "Trump’s aides said the ’90s were a rock ’n’ roll decade. Carvania's rivers rose in '97. \
         The players’ union called the plan ‘a disgrace’ on Monday.",
    ]);
    let x = extract::extract(&c);
    let q = quotes(&c, &x, 0);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].0, "a disgrace");
}

#[test]
fn an_unclosed_mark_does_not_swallow_the_document() {
    let c = corpus(&[
        "Officials said the plan was \"finished.\n\nLater, Mayor Ada Brun said \"we are ready,\" and left.",
    ]);
    let x = extract::extract(&c);
    let q = quotes(&c, &x, 0);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].0, "we are ready,");
    assert_eq!(q[0].1.as_deref(), Some("Ada Brun"));
}

#[test]
fn a_quote_continues_into_a_paragraph_that_reopens_it() {
    let text = "“The water came fast. We had no time.\n\n“Then the lights went out,” said Nils Harto, a farmer.";
    let c = corpus(&[text]);
    let x = extract::extract(&c);
    let q = quotes(&c, &x, 0);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(
        q[0].0,
        "The water came fast. We had no time.\n\n“Then the lights went out,"
    );
    assert_eq!(q[0].1.as_deref(), Some("Nils Harto"));
}

#[test]
fn speakers_before_and_after_the_quote() {
    let c = corpus(
        &["“We will rebuild,” Governor Sela Marsh said on Friday.\n\n\
         “It is over,” said Dr. Omar Vintu, a surgeon at the clinic.\n\n\
         Police Chief Ria Okonjo said: “Stay away from the river.”\n\n\
         Karl Wendt said that “nothing was hidden” from the panel.\n\n\
         The plan was “dead on arrival,” according to the Harbour Council."],
    );
    let x = extract::extract(&c);
    let names: Vec<Option<String>> = quotes(&c, &x, 0).into_iter().map(|q| q.1).collect();
    assert_eq!(
        names,
        [
            Some("Sela Marsh".to_string()),
            Some("Omar Vintu".to_string()),
            Some("Ria Okonjo".to_string()),
            Some("Karl Wendt".to_string()),
            Some("Harbour Council".to_string()),
        ]
    );
    assert_eq!(entity(&x, "Sela Marsh").class, EntityClass::Person);
    assert_eq!(
        entity(&x, "Harbour Council").class,
        EntityClass::Organization
    );
}

#[test]
fn pronouns_and_follow_on_quotes_find_their_speaker() {
    let c = corpus(&[
        "Council spokeswoman Lea Danner defended the vote. “We followed the law,” she said. \
         “Nobody was misled.”\n\n“Every member saw the figures.”\n\n\
         Mr. Pavel Ostrov disagreed. “That is simply false,” he said.",
    ]);
    let x = extract::extract(&c);
    let q = &x.documents[0].quotes;
    assert_eq!(q.len(), 4);
    let who: Vec<(&str, Via)> = q
        .iter()
        .map(|q| {
            let s = q.speaker.as_ref().expect("speaker");
            (s.name.as_str(), s.via)
        })
        .collect();
    assert_eq!(
        who,
        [
            ("Lea Danner", Via::Pronoun),
            ("Lea Danner", Via::Inherited),
            ("Lea Danner", Via::Inherited),
            ("Pavel Ostrov", Via::Pronoun),
        ]
    );
}

#[test]
fn short_quotes_in_running_text_are_scare_quotes() {
    let c = corpus(&["The minister called the report “fake news” and its authors “amateurs”."]);
    let x = extract::extract(&c);
    let q = quotes(&c, &x, 0);
    assert!(q.iter().all(|q| q.2), "{q:?}");
    assert_eq!(q.len(), 2);
}

#[test]
fn aliases_merge_within_and_across_documents() {
    let c = corpus(&[
        "President Donald Trump met Russian President Vladimir Putin in Helsinki. Trump’s aides \
         said Putin spoke first. The Kremlin said the meeting in Moscow went well.",
        "Trump later said that President Trump had been right. U.S. officials agreed.",
    ]);
    let x = extract::extract(&c);
    let trump = entity(&x, "Donald Trump");
    assert_eq!(trump.class, EntityClass::Person);
    let texts: Vec<&str> = trump
        .mentions
        .iter()
        .map(|m| c.documents[m.doc.index()].slice(m.span))
        .collect();
    assert_eq!(texts, ["Donald Trump", "Trump", "Trump", "Trump"]);
    assert_eq!(entity(&x, "Vladimir Putin").mentions.len(), 2);
    assert_eq!(entity(&x, "Russian").class, EntityClass::Other);
    // Metonymy is not guessed: the Kremlin and Moscow stay apart.
    assert_eq!(entity(&x, "Kremlin").class, EntityClass::Organization);
    assert_eq!(entity(&x, "Moscow").class, EntityClass::Place);
    assert_eq!(entity(&x, "United States").mentions.len(), 1);
}

#[test]
fn acronyms_join_their_expansion() {
    let c = corpus(&[
        "The Coastal Flood Agency (CFA) closed the road. The CFA said the FBI was told. Later the \
         Office of the Chief Hydrologist, known as OCH, agreed.",
    ]);
    let x = extract::extract(&c);
    let cfa = entity(&x, "Coastal Flood Agency");
    assert_eq!(cfa.mentions.len(), 3);
    assert_eq!(cfa.class, EntityClass::Organization);
    assert_eq!(
        entity(&x, "Office of the Chief Hydrologist").mentions.len(),
        2
    );
    assert_eq!(
        entity(&x, "Federal Bureau of Investigation").class,
        EntityClass::Organization
    );
}

#[test]
fn headlines_in_capitals_only_name_what_is_known() {
    let c = corpus(&[
        "PRIME MINISTER WARNS OF FLOODS AS KESTRAL RIVER RISES IN MADRID\n\n\
         The Kestral River rose again on Monday, officials in Madrid said.",
    ]);
    let x = extract::extract(&c);
    let names: Vec<&str> = x.entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Kestral River", "Madrid"], "{names:?}");
    assert_eq!(entity(&x, "Kestral River").mentions.len(), 2);
    assert_eq!(entity(&x, "Madrid").mentions.len(), 2);
}

#[test]
fn job_titles_are_not_names() {
    let c = corpus(&[
        "About the author: I am Senior Producer at Quillmark and write on local politics. \
         The Harbour Council named Creative Head Ilse Marand to the board on Monday, and \
         Coastal Flood Agency Director Piet Ocksen welcomed her.",
    ]);
    let x = extract::extract(&c);
    let names: Vec<&str> = x.entities.iter().map(|e| e.name.as_str()).collect();
    for job in ["Senior Producer", "Creative Head", "Director"] {
        assert!(!names.iter().any(|n| n.contains(job)), "{job} in {names:?}");
    }
    for name in ["Quillmark", "Harbour Council", "Ilse Marand", "Piet Ocksen"] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
    assert_eq!(entity(&x, "Ilse Marand").class, EntityClass::Person);
}

#[test]
fn claims_carry_sources_cues_and_figure_drift() {
    let c = corpus(&[
        "U.S. military support for Ukraine has totaled about $60 billion since 2022, the \
         Pentagon said. Analysts believe the aid will likely continue.",
        "U.S. military support for Ukraine has totaled about $50 billion since 2022, the \
         Pentagon said.",
    ]);
    let x = extract::extract(&c);
    let claim = &x.documents[0].claims[0];
    assert_eq!(
        claim.source.as_ref().map(|s| s.name.as_str()),
        Some("Pentagon")
    );
    let drift = &claim.counterparts[0];
    assert_eq!(drift.wording, Wording::FigureChanged);
    let (ours, theirs) = drift.changed_figures[0];
    assert_eq!(c.documents[0].slice(ours.expect("ours")), "$60 billion");
    assert_eq!(c.documents[1].slice(theirs.expect("theirs")), "$50 billion");
    let hedged = &x.documents[0].claims[1];
    assert!(
        hedged
            .cues
            .iter()
            .any(|k| k.kind == extract::CueKind::Hedge)
    );
    assert_eq!(
        hedged.source.as_ref().map(|s| s.name.as_str()),
        Some("Analysts")
    );
}

#[test]
fn reworded_quotes_are_linked_across_versions() {
    let c = corpus(&[
        "Officials described Derkach as an “aggressive Russian agent,” the report said.",
        "Officials called Derkach an “active Russian agent,” the report said.",
    ]);
    let x = extract::extract(&c);
    let q = &x.documents[0].quotes[0];
    assert_eq!(q.counterparts.len(), 1);
    assert_eq!(q.counterparts[0].wording, Wording::Reworded);
}

#[test]
fn text_in_another_language_gets_a_warning_not_annotations() {
    let french = "Le gouvernement a annoncé mardi une enquête indépendante après l’inondation de \
        trois villes de la vallée. « Nous avons ouvert les vannes parce que l’autre option était \
        de perdre le barrage », a déclaré la ministre de l’Environnement Ilse Marand lors d’une \
        conférence de presse à Brennick, selon les journalistes présents sur place ce jour-là.";
    let c = corpus(&[french]);
    let x = extract::extract(&c);
    let d = &x.documents[0];
    assert!(d.warnings[0].contains("English-only"), "{:?}", d.warnings);
    assert!(d.quotes.is_empty() && d.mentions.is_empty() && d.claims.is_empty());
}

#[test]
fn bad_input_gives_sensible_output() {
    let marks = "\"“”‘’«»'".repeat(20_000);
    let caps = "THE COUNCIL SAID NOTHING. NOBODY KNOWS WHY. ".repeat(200);
    let plain = "the water rose and the people left and nobody said anything at all. ".repeat(50);
    let c = corpus(&[&marks, &caps, &plain]);
    let x = extract::extract(&c);
    assert!(x.documents[0].quotes.is_empty());
    assert!(
        x.documents[1].mentions.is_empty(),
        "all-caps words are not names"
    );
    assert!(x.documents[2].mentions.is_empty() && x.documents[2].quotes.is_empty());
}

/// A results table (names and scores, no prose) and one endless line of names: no panic, and
/// no more mentions than words.
#[test]
fn tables_and_endless_lines_stay_bounded() {
    let mut table = String::from("SOCCER - RESULTS OF THE THIRD ROUND\n\n");
    let mut line = String::new();
    for i in 0..2_000 {
        table.push_str(&format!(
            "Brennick United {} Talden Rovers {} (Ada Brun {}, Piet Ocksen {})\n",
            i % 4,
            i % 3,
            i % 90,
            (i * 7) % 90
        ));
        line.push_str("Ilse Marand of Mirov City said on Monday that Orsa Athletic won ");
    }
    let c = corpus(&[&table, &line]);
    let x = extract::extract(&c);
    for (doc, text) in x.documents.iter().zip([&table, &line]) {
        assert!(doc.mentions.len() <= text.split_whitespace().count());
    }
}

#[test]
fn a_clock_time_is_one_figure() {
    let c = corpus(&["The gate was opened at 11:40 p.m., officials said."]);
    let x = extract::extract(&c);
    let claim = &x.documents[0].claims[0];
    let figures: Vec<&str> = claim
        .cues
        .iter()
        .filter(|cue| cue.kind == extract::CueKind::Figure)
        .map(|cue| c.documents[0].slice(cue.span))
        .collect();
    assert_eq!(figures, vec!["11:40"]);
}
