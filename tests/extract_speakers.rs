//! Speakers, scare quotes, drift evidence, claims and bad quotation marks on small texts of our
//! own (invented names and sentences): what a fact-checker reads off the extraction.

mod common;

use common::corpus;

use parallax::document::Corpus;
use parallax::extract::{self, Extraction, FigureKind, Via, Wording};

/// (quoted words, speaker shown, speaker via, scare)
fn quotes(
    c: &Corpus,
    x: &Extraction,
    doc: usize,
) -> Vec<(String, Option<String>, Option<Via>, bool)> {
    x.documents[doc]
        .quotes
        .iter()
        .map(|q| {
            (
                c.documents[doc].slice(q.span).to_string(),
                q.speaker.as_ref().map(|s| s.name.clone()),
                q.speaker.as_ref().map(|s| s.via),
                q.scare,
            )
        })
        .collect()
}

#[test]
fn a_pronoun_stands_for_the_subject_before_it_never_a_name_inside_a_quote() {
    let c = corpus(&[
        "Mayor James Oberlin says he wants an answer from Governor Marta Varga.\n\n\
         “Will you sign the river bill, Petra Lindqvist?” he asked.\n\n\
         “Not this week,” she said.",
    ]);
    let x = extract::extract(&c);
    let q = quotes(&c, &x, 0);
    assert_eq!(q[0].1.as_deref(), Some("James Oberlin"), "{q:?}");
    assert_eq!(q[0].2, Some(Via::Pronoun));
    // The only woman outside quotes is the governor: not Petra, named inside the question.
    assert_eq!(q[1].1.as_deref(), Some("Marta Varga"), "{q:?}");
}

#[test]
fn a_speaker_in_the_paragraph_before_with_a_colon() {
    let c = corpus(&[
        "Councillor Anneke Brandt spoke at the harbour on Monday.\n\n\
         Brandt said:\n\n\
         “The ferry will run again in spring.”",
    ]);
    let x = extract::extract(&c);
    let q = quotes(&c, &x, 0);
    assert_eq!(q[0].1.as_deref(), Some("Anneke Brandt"), "{q:?}");
}

#[test]
fn a_signature_dash_names_the_speaker() {
    let c = corpus(&["“We planted every tree by hand.” ― Joaquim Ferreira"]);
    let x = extract::extract(&c);
    let q = quotes(&c, &x, 0);
    assert_eq!(q[0].1.as_deref(), Some("Joaquim Ferreira"), "{q:?}");
}

#[test]
fn a_short_quote_with_its_own_reporting_clause_is_no_scare_quote() {
    let c = corpus(&[
        "After the vote, “We did it,” Mayor Lise Haraldsen tweeted. \
         Her rival called the count a “farce” on Friday.",
    ]);
    let x = extract::extract(&c);
    let q = quotes(&c, &x, 0);
    assert_eq!(q[0].0, "We did it,");
    assert!(!q[0].3, "a reported quote: {q:?}");
    assert!(q[1].3, "a term in running text: {q:?}");
}

#[test]
fn figure_drift_compares_the_same_kind_of_quantity_only() {
    let c = corpus(&[
        "The 19-year-old pilot flew 300 kilometres over the lake on Sunday, officials said.",
        "The pilot flew 300 kilometres over the lake in a 24-hour attempt on Sunday, officials said.",
        "The 21-year-old pilot flew 300 kilometres over the lake on Sunday, officials said.",
    ]);
    let x = extract::extract(&c);
    let claim = &x.documents[0].claims[0];
    let with = |d: u32| {
        claim
            .counterparts
            .iter()
            .find(|k| k.doc.0 == d)
            .expect("counterpart")
    };
    let one_side = with(1);
    assert_eq!(
        one_side.wording,
        Wording::Reworded,
        "an age against a duration is no change"
    );
    assert!(one_side.changed_figures.is_empty());
    assert!(
        one_side
            .figures
            .iter()
            .any(|f| f.kind == FigureKind::Age && f.theirs.is_none())
    );
    let changed = with(2);
    assert_eq!(changed.wording, Wording::FigureChanged);
    let f = changed
        .figures
        .iter()
        .find(|f| f.changed())
        .expect("a changed figure");
    assert_eq!(f.kind, FigureKind::Age);
    assert_eq!(c.documents[2].slice(f.theirs.expect("theirs")), "21");
}

#[test]
fn quotes_of_different_speakers_are_not_counterparts() {
    let c = corpus(&[
        "“The bridge is safe and open to all traffic,” said engineer Marit Solberg.",
        "“The bridge is safe and open to all traffic,” said mayor Ruben Castellano.",
    ]);
    let x = extract::extract(&c);
    assert!(x.documents[0].quotes[0].counterparts.is_empty());
}

#[test]
fn date_lines_timestamps_and_crossheads_are_no_claims() {
    let c = corpus(&["Harbour plan approved\n\n\
         UPDATED: 4:15 pm.\n\n\
         Thursday, March 12, 2026\n\n\
         HARBOUR WORKS UNDER NEW BUDGET 2026\n\n\
         The council approved 12 million euros for the harbour, its chair said."]);
    let x = extract::extract(&c);
    let texts: Vec<&str> = x.documents[0]
        .claims
        .iter()
        .map(|k| c.documents[0].slice(k.span))
        .collect();
    assert_eq!(texts.len(), 1, "{texts:?}");
    assert!(texts[0].starts_with("The council approved"));
}

#[test]
fn a_detected_title_is_never_a_date_line() {
    let c = corpus(&["Monday, June 1, 2026\n\nFerry service resumes\n\nThe ferry runs again."]);
    assert_eq!(c.documents[0].title, "Ferry service resumes");
}

#[test]
fn a_pronoun_with_no_antecedent_stays_the_texts_word() {
    let c = corpus(&["“We are leaving the valley,” she said."]);
    let x = extract::extract(&c);
    let q = quotes(&c, &x, 0);
    assert_eq!(q.len(), 1);
    // The text's own word is all there is: shown as written, tied to no entity.
    let speaker = x.documents[0].quotes[0]
        .speaker
        .as_ref()
        .expect("the phrase");
    assert_eq!(speaker.name, "she");
    assert_eq!(speaker.entity, None);
}

#[test]
fn unbalanced_nested_and_mixed_marks_do_not_run_away() {
    let text = "“Open with no close, said the first.\n\n\
                He answered “yes ‘and’ «non» \"maybe” then left.\n\n\
                A lone ” closing mark and a lone \" straight one.\n\n\
                «Guillemets “inside” here» she wrote.\n\n\
                The last paragraph has no quotation at all.";
    let c = corpus(&[text]);
    let x = extract::extract(&c);
    let doc = &c.documents[0];
    let last = text.rfind("The last").expect("fixture") as u32;
    for q in &x.documents[0].quotes {
        assert!(q.outer.end <= last, "a quote ran into the last paragraph");
        assert!(
            doc.slice(q.span).len() < 80,
            "runaway: {:?}",
            doc.slice(q.span)
        );
    }
}

#[test]
fn a_quote_over_twelve_paragraphs_stays_one_quote_and_stops() {
    let mut text = String::from("The keeper told the story that night:\n\n");
    for i in 0..12 {
        text.push_str(&format!(
            "“Paragraph {i} of the keeper's long account went on.\n\n"
        ));
    }
    text.push_str("“And that was the end of it,” the keeper said.\n\nThe lamp burned till dawn.");
    let c = corpus(&[&text]);
    let x = extract::extract(&c);
    let doc = &c.documents[0];
    let last = text.rfind("The lamp").expect("fixture") as u32;
    let qs = &x.documents[0].quotes;
    assert!(!qs.is_empty());
    assert!(qs.iter().all(|q| q.outer.end <= last));
    assert!(doc.slice(qs[0].span).starts_with("Paragraph 0"));
}

#[test]
fn a_megabyte_inside_one_quotation_is_handled() {
    let mut text = String::from("“");
    while text.len() < 1 << 20 {
        text.push_str("the river rose and the town waited for news of the dam, ");
    }
    text.push_str("and then it held.” she said.");
    let c = corpus(&[&text]);
    let x = extract::extract(&c);
    assert_eq!(x.documents[0].quotes.len(), 1);
    let unclosed = format!("“{}", &text[3..text.len() / 2]);
    let c = corpus(&[&unclosed]);
    let x = extract::extract(&c);
    assert!(x.documents[0].quotes.is_empty());
}

#[test]
fn a_hyphenated_surname_after_a_title_stays_whole() {
    let c = corpus(&[
        "“The levy is a mistake,” said Marta Quill-Benton, an economist at a research group.\n\n\
         The council meets again on Friday.\n\n\
         “I admire the detail,” Ms. Quill-Benton said.",
    ]);
    let x = extract::extract(&c);
    let q = quotes(&c, &x, 0);
    assert_eq!(q[1].1.as_deref(), Some("Marta Quill-Benton"), "{q:?}");
}

#[test]
fn a_person_named_for_an_outlet_is_the_speaker_not_the_outlet() {
    let c = corpus(&["The survey covered three states in the week.\n\n\
         “The effect of the vote is still small,” wrote Lorenz Abeyta for Harbor Insight."]);
    let x = extract::extract(&c);
    let q = quotes(&c, &x, 0);
    assert_eq!(q[0].1.as_deref(), Some("Lorenz Abeyta"), "{q:?}");
}

#[test]
fn a_participle_after_a_comma_shares_the_sentence_subject() {
    let c = corpus(&[
        "Councillor Anneke Brandt faulted the ferry plan on Monday, saying, \
         “It will never carry enough people.”",
    ]);
    let x = extract::extract(&c);
    let q = quotes(&c, &x, 0);
    assert_eq!(q[0].1.as_deref(), Some("Anneke Brandt"), "{q:?}");
}

#[test]
fn a_pronoun_between_two_people_of_its_gender_stays_unresolved() {
    let c = corpus(&["John Hedlund chairs the ferry board.\n\n\
         The new timetable, which pleased James Lunde, also suits John Hedlund.\n\n\
         “We start in May,” he said."]);
    let x = extract::extract(&c);
    let q = quotes(&c, &x, 0);
    // Neither man is the sentence's subject: the text does not tell which one speaks.
    assert_eq!(q[0].1.as_deref(), Some("he"), "{q:?}");
}

#[test]
fn a_nominal_nearer_than_a_name_keeps_the_pronoun() {
    let c = corpus(&["Governor Marta Varga opened the bridge on Monday.\n\n\
         A woman waiting at the gate had come for the ceremony.\n\n\
         “I waited ten years for this,” she said."]);
    let x = extract::extract(&c);
    let q = quotes(&c, &x, 0);
    // "a woman" is the nearer antecedent and has no name: not the governor.
    assert_eq!(q[0].1.as_deref(), Some("she"), "{q:?}");
}

#[test]
fn a_headline_quote_belongs_to_the_person_it_names() {
    let c = corpus(&["Marta Varga on the bridge delay: ‘A disgrace’.\n\n\
         Governor Marta Varga spoke on Monday about the bridge."]);
    let x = extract::extract(&c);
    let q = quotes(&c, &x, 0);
    assert_eq!(q[0].1.as_deref(), Some("Marta Varga"), "{q:?}");
}

#[test]
fn a_quote_opening_the_next_paragraph_is_no_chain() {
    let c = corpus(&["“Every ferry is late,” Ilka Dorn said.\n\n\
         “Not one,” Berit Sand replied."]);
    let x = extract::extract(&c);
    let q = quotes(&c, &x, 0);
    assert_eq!(q[0].1.as_deref(), Some("Ilka Dorn"), "{q:?}");
    assert_eq!(q[1].1.as_deref(), Some("Berit Sand"), "{q:?}");
}

/// A dateline with a hyphen for its dash ("Harwich - ") opens the lead; it is no part of the
/// subject that says something, and a hyphen inside a name still is.
#[test]
fn a_dateline_before_the_subject_is_not_part_of_the_source() {
    let c = corpus(&["Headline about the harbour\n\n\
         Harwich - The Harbour Safety Board announced on Monday that the channel was \
         \"clear of all wrecks,\" ending a week of closures.\n\n\
         Mira Al-Sayed said the ferries would sail on Tuesday."]);
    let x = extract::extract(&c);
    let sources: Vec<Option<String>> = x.documents[0]
        .claims
        .iter()
        .map(|k| k.source.as_ref().map(|s| s.name.clone()))
        .collect();
    assert!(
        sources.contains(&Some("Harbour Safety Board".to_string())),
        "{sources:?}"
    );
    assert!(
        sources.contains(&Some("Mira Al-Sayed".to_string())),
        "{sources:?}"
    );
    let q = quotes(&c, &x, 0);
    assert_eq!(q[0].1.as_deref(), Some("Harbour Safety Board"), "{q:?}");
}

/// A speaker phrase is a noun phrase: never the clause after a cue ("adding that its output
/// doubled"), an adverbial opening ("With …"), a bare possessive ("for his"), nor an adverb
/// between the subject and its verb ("often").
#[test]
fn speaker_phrases_are_noun_phrases() {
    let c = corpus(&[
        "In a statement, Varek Mining said: \"The mine was profitable a decade ago,\" adding \
         that its output doubled within a year.\n\n\
         \"We live on borrowed land,\" my grandmother often said.\n\n\
         Her critics called the plan \"a fantasy\" for its recently revealed costs.\n\n\
         In a radio interview Ottilie Brandvold declared \"The plan is dead.\"",
    ]);
    let x = extract::extract(&c);
    let q = quotes(&c, &x, 0);
    let speaker = |i: usize| q[i].1.as_deref();
    assert_eq!(speaker(0), Some("Varek Mining"), "{q:?}");
    assert_eq!(speaker(1), Some("my grandmother"), "{q:?}");
    assert!(speaker(2).is_none_or(|s| s == "Her critics"), "{q:?}");
    assert_eq!(speaker(3), Some("Ottilie Brandvold"), "{q:?}");
}

/// "As X put it, “…”": the idiom names the speaker before it.
#[test]
fn as_someone_put_it_names_the_speaker() {
    let c = corpus(&[
        "The levy has few friends. As Tove Marsk, an economist at the Harbour Institute, \
         recently put it, “Nobody asked the fishermen.”",
    ]);
    let x = extract::extract(&c);
    let q = quotes(&c, &x, 0);
    assert_eq!(q[0].1.as_deref(), Some("Tove Marsk"), "{q:?}");
}

#[test]
fn a_subordinate_clause_after_a_quote_is_not_its_reporting_clause() {
    let c = corpus(&[
        "Senator Ivo Marek said on Friday, “We will open the port by May,” \
         when Dana Kolar blasted the plan.",
    ]);
    let x = extract::extract(&c);
    let q = quotes(&c, &x, 0);
    assert_eq!(q[0].1.as_deref(), Some("Ivo Marek"), "{q:?}");
}

#[test]
fn a_quote_after_one_that_ran_on_into_its_paragraph_keeps_that_speaker() {
    let c = corpus(&[
        "Mayor Ilka Berg spoke first. “The bridge stays shut, and the ferry is our only link\n\
         “I have read every report on the river,” added Councillor Tomas Reyes. \
         “None of them says the bridge is safe.”",
    ]);
    let x = extract::extract(&c);
    let q = quotes(&c, &x, 0);
    let last = q.last().expect("quotes");
    assert_eq!(last.0, "None of them says the bridge is safe.");
    assert_eq!(last.1.as_deref(), Some("Tomas Reyes"), "{q:?}");
}

#[test]
fn the_subject_of_a_verb_governing_a_quote_is_its_speaker_when_it_names_someone() {
    let c = corpus(&[
        "Another critic, Lotte Vasquez, likened the dam plan to “pouring money into the sea.”\n\n\
         On the chart, a nurse had typed “stable and alert.”\n\n\
         The new law banned “all night fishing” on the lake.",
    ]);
    let x = extract::extract(&c);
    let q = quotes(&c, &x, 0);
    assert_eq!(q[0].1.as_deref(), Some("Lotte Vasquez"), "{q:?}");
    assert_eq!(q[1].1.as_deref(), Some("a nurse"), "{q:?}");
    // A law is no one: its subject does not speak the words it bans.
    assert_eq!(q[2].1, None, "{q:?}");
}

#[test]
fn a_participle_after_a_comma_shares_the_subject_past_an_opening_phrase_or_a_pronoun() {
    let c = corpus(&[
        "During a speech in Brno, Senator Ivo Marek attacked the budget, saying, “It is a mess.”\n\n\
         Dana Kolar, a physician, went on television on Monday.\n\n\
         She then defended the remark, saying, “I stand by every word.”\n\n\
         Once, when the power failed, I laughed and said, “We have candles.”",
    ]);
    let x = extract::extract(&c);
    let q = quotes(&c, &x, 0);
    assert_eq!(q[0].1.as_deref(), Some("Ivo Marek"), "{q:?}");
    assert_eq!(q[1].1.as_deref(), Some("Dana Kolar"), "{q:?}");
    assert_eq!(q[1].2, Some(Via::Pronoun));
    assert_eq!(q[2].1.as_deref(), Some("I"), "{q:?}");
}

#[test]
fn coordinated_authors_and_a_name_before_a_dash_are_speakers() {
    let c = corpus(&["Small towns, big plans\n\n\
         The plan copies a paper titled “How to Grow Small Towns” by Ana Ruiz and Ivo Kell.\n\n\
         Many leaders agreed, including the former governor Mira Holt -- “We cannot wait \
         another year” -- and the mayor of Lenz."]);
    let x = extract::extract(&c);
    let q = quotes(&c, &x, 0);
    assert_eq!(q[0].1.as_deref(), Some("Ana Ruiz and Ivo Kell"), "{q:?}");
    assert_eq!(q[1].1.as_deref(), Some("Mira Holt"), "{q:?}");
}

#[test]
fn a_possessive_makes_a_cue_word_a_noun_and_a_dash_ends_a_subject() {
    let c = corpus(&[
        "The article used one of the farmer’s quotes as its title: “Rain at last, and none too soon.”\n\n\
         In calmer times -- with some sense of history -- a reader would now ask: \
         “Why is Ivo Kell on the air?”",
    ]);
    let x = extract::extract(&c);
    let q = quotes(&c, &x, 0);
    assert!(
        q[0].1.as_deref().is_none_or(|s| !s.contains("used")),
        "{q:?}"
    );
    assert_eq!(q[1].1.as_deref(), Some("a reader"), "{q:?}");
}

#[test]
fn an_aside_between_dashes_is_skipped_back_to_the_named_subject() {
    let c = corpus(&["Radio in the valley\n\n\
         Ana Ruiz, the head of Lenz Media -- the firm that owns the station, which also \
         streams online -- told me, “We sell airtime to anyone who pays.”"]);
    let x = extract::extract(&c);
    let q = quotes(&c, &x, 0);
    assert_eq!(q[0].1.as_deref(), Some("Ana Ruiz"), "{q:?}");
}

#[test]
fn a_name_the_document_uses_opens_a_sentence_even_if_another_text_writes_it_in_lowercase() {
    // "Rook" is a common word in the second text; the first uses it as a surname only, so the
    // subject of the sentence before "She said:" is Rook, not the other woman further back.
    let c = corpus(&[
        "Harbour debate\n\n\
         Mayor Ada Rook and Paula Stein met on Monday. Stein spoke of taxes. \
         Rook answered by pointing at the harbour.\n\n\
         She said:\n\n\
         “The harbour pays for itself.”",
        "Chess notes\n\nThe rook is the strongest piece after the queen.",
    ]);
    let x = extract::extract(&c);
    let q = quotes(&c, &x, 0);
    assert_eq!(q[0].1.as_deref(), Some("Ada Rook"), "{q:?}");
}

#[test]
fn a_stray_mark_before_the_subject_is_skipped_a_quotation_is_not() {
    let c = corpus(&["Rally night\n\n\
         \"Ivo Marek walked onto the stage, chanting “Lenz! Lenz!”\n\n\
         “We cannot pay for it,” Dana Kolar said, adding later, “Nobody can.”\n\n\
         Mexicans often say, “Poor harbour, so far from the sea.”"]);
    let x = extract::extract(&c);
    let q = quotes(&c, &x, 0);
    let of = |text: &str| q.iter().find(|x| x.0 == text).and_then(|x| x.1.clone());
    assert_eq!(of("Lenz! Lenz!").as_deref(), Some("Ivo Marek"), "{q:?}");
    assert_eq!(of("Nobody can.").as_deref(), Some("Dana Kolar"), "{q:?}");
    // A nationality speaks as the text names it, not as its entity's singular name.
    assert_eq!(
        of("Poor harbour, so far from the sea.").as_deref(),
        Some("Mexicans"),
        "{q:?}"
    );
}

#[test]
fn a_name_without_its_middle_initial_is_the_same_person() {
    let c = corpus(&[
        "A lesson from Orla Brennick: ‘Speak so the back row hears you.’\n\n\
         As a young clerk, Orla B. Brennick said she was asked to address the whole court.",
    ]);
    let x = extract::extract(&c);
    let q = quotes(&c, &x, 0);
    assert_eq!(q[0].1.as_deref(), Some("Orla B. Brennick"), "{q:?}");
}
