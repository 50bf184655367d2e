"""Speaker resolution (mention -> canonical name and title): one sentence we wrote per rule."""

from __future__ import annotations

from bot.core.extract import extract_quotes
from tests.extract_support import find, mention


def test_headline_surname_takes_the_full_name_given_later() -> None:
    text = (
        "Haskell vows to keep the ferry running\n\n"
        "State Senator Maren Haskell told a packed hall on Monday that the island ferry would "
        "not close. “We will find the money,” Haskell said."
    )
    q = find(extract_quotes(text), "find the money")
    assert mention(q) == "Haskell"
    assert q.speaker == "Maren Haskell"


def test_pronoun_after_a_headline_surname_names_the_full_name() -> None:
    text = (
        "Okonjo criticises the budget\n\n"
        "Daniel Okonjo, a retired banker, has run for the council twice. Okonjo spoke at the "
        "chamber of commerce on Tuesday. “This budget borrows from our children,” he said."
    )
    q = find(extract_quotes(text), "borrows from our children")
    assert q.speaker == "Daniel Okonjo"


def test_surname_of_a_woman_is_not_merged_into_a_man_of_that_name() -> None:
    text = (
        "Brannigan wins the primary\n\n"
        "Brannigan thanked her volunteers on Tuesday night, and she promised a hard race. "
        "Her husband, Peter Brannigan, ran the phone bank. "
        "“Tonight belongs to the people who knocked on doors,” Brannigan said."
    )
    q = find(extract_quotes(text), "knocked on doors")
    assert q.speaker != "Peter Brannigan"


def test_headline_run_is_not_a_full_name_for_the_surname() -> None:
    text = (
        "Voters Following Lindqvist\n\n"
        "Lindqvist spoke to farmers in Ames on Saturday. “The soil is our bank,” Lindqvist said."
    )
    q = find(extract_quotes(text), "soil is our bank")
    assert q.speaker == "Lindqvist"


def test_occupation_opening_the_name_is_the_title() -> None:
    text = (
        "Comedian Nora Quillfeather closed the benefit show on Friday. "
        "“Laughing is cheaper than therapy,” Quillfeather said."
    )
    q = find(extract_quotes(text), "cheaper than therapy")
    assert q.speaker == "Nora Quillfeather"
    assert q.title == "Comedian"


def test_title_with_of_is_kept_whole_for_later_mentions() -> None:
    text = (
        "Secretary of Commerce Lena Ortiz toured the port on Wednesday. "
        "“Our exports grew again,” she said."
    )
    q = find(extract_quotes(text), "exports grew again")
    assert q.speaker == "Lena Ortiz"
    assert q.title == "Secretary of Commerce"


def test_title_with_of_in_a_closing_tag() -> None:
    text = "“The treaty is a good first step,” said Secretary of State Adam Whitlow."
    q = find(extract_quotes(text), "good first step")
    assert q.speaker == "Adam Whitlow"
    assert q.title == "Secretary of State"


def test_long_title_does_not_leak_into_the_name() -> None:
    text = (
        "The Director of National Intelligence Ray Castellano testified on Monday. "
        "“The threat is real,” Castellano said."
    )
    q = find(extract_quotes(text), "threat is real")
    assert q.speaker == "Ray Castellano"


def test_surname_after_a_name_with_a_suffix() -> None:
    text = (
        "Walter P. Simms Jr. opened his campaign office in Dayton on Monday. "
        "“We start with the factories,” Mr. Simms said."
    )
    q = find(extract_quotes(text), "start with the factories")
    assert q.speaker == "Walter P. Simms Jr."


def test_first_name_that_is_a_title_word_before_a_particle_surname() -> None:
    text = "Marine Le Gall spoke in Brest on Sunday. “The fishermen deserve better,” Le Gall said."
    q = find(extract_quotes(text), "fishermen deserve better")
    assert q.speaker == "Marine Le Gall"
    assert q.title is None


def test_a_modifier_alone_is_no_title() -> None:
    text = "Rival Dana Fenwick answered on Tuesday. “Our plan is cheaper,” she said."
    q = find(extract_quotes(text), "plan is cheaper")
    assert q.speaker == "Dana Fenwick"
    assert q.title is None


def test_first_name_alone_after_the_full_name() -> None:
    text = (
        "Linda Okafor runs the shelter on Elm Street. Everyone in town calls her Linda. "
        "“Nobody sleeps outside tonight,” Linda said."
    )
    q = find(extract_quotes(text), "Nobody sleeps outside")
    assert q.speaker == "Linda Okafor"


def test_first_of_two_surnames_with_a_courtesy_title() -> None:
    text = (
        "“The bonds were sold too fast,” said Lucia Marrero Quintana, who runs the island's "
        "finance agency. Ms. Marrero said the agency would ask for more time. "
        "“We need two more years,” Ms. Marrero said."
    )
    q = find(extract_quotes(text), "two more years")
    assert q.speaker == "Lucia Marrero Quintana"


def test_unnamed_speakers_are_named_as_written() -> None:
    text = (
        "The town hall ran late. “We need more buses,” one commuter shouted. "
        "“The fares are too high,” another yelled. "
        "“The board has not read the budget,” said a person close to the mayor. "
        "“He never answered the question,” the heckler said later."
    )
    quotes = extract_quotes(text)
    assert find(quotes, "more buses").speaker == "one commuter"
    assert find(quotes, "fares are too high").speaker == "another"
    assert find(quotes, "has not read the budget").speaker == "a person close"
    assert find(quotes, "never answered").speaker == "the heckler"


def test_a_document_described_with_of_is_the_source() -> None:
    text = (
        "The host pressed the senator on trade. “Tariffs are a tax on families,” according to a "
        "transcript of the broadcast."
    )
    q = find(extract_quotes(text), "tax on families")
    assert q.speaker == "a transcript of the broadcast"


def test_role_given_in_an_apposition_names_the_later_role_mention() -> None:
    text = (
        "Dana Whitcombe, the organizer, counted the crowd at noon. "
        "“We expected two hundred people and got two thousand,” the organizer said."
    )
    q = find(extract_quotes(text), "two thousand")
    assert q.speaker == "Dana Whitcombe"


def test_courtesy_title_picks_between_two_people_of_one_surname() -> None:
    text = (
        "Martha Quayle and her husband, Edwin Quayle, toured the mill on Monday. "
        "Mr. Quayle spoke first. Mrs. Quayle took questions. Mr. Quayle left early. "
        "“The mill will reopen in May,” Mrs. Quayle said. Later she added, "
        "“Every worker will be hired back.”"
    )
    quotes = extract_quotes(text)
    assert find(quotes, "reopen in May").speaker == "Martha Quayle"
    assert find(quotes, "hired back").speaker == "Martha Quayle"


def test_name_after_a_lowercase_title_opening_the_sentence_is_its_subject() -> None:
    text = (
        "Mayor Ron Cole opened the harbor fair on Friday. "
        "Retired admiral Tobin Wolcott, a longtime sailor, cheered for Ron Cole from the pier. "
        "“The harbor is our history,” he said."
    )
    q = find(extract_quotes(text), "harbor is our history")
    assert q.speaker == "Tobin Wolcott"


def test_subject_beats_a_man_named_later_in_its_sentence_across_a_long_quote() -> None:
    text = (
        "Tobin Marsh made it clear that the army had suffered under President Daniel Reyes. "
        "“We cut too deep and we cut too fast, and every unit I visited in those years told "
        "me the same thing: the training budget was gone by spring, the spare parts were gone "
        "by summer, and the soldiers who stayed did so out of loyalty, not because anyone gave "
        "them a reason,” he told the host."
    )
    q = find(extract_quotes(text), "cut too deep")
    assert q.speaker == "Tobin Marsh"


def test_name_after_a_clause_opener_and_before_a_verb_is_a_subject() -> None:
    text = (
        "Councilman Roy Banks led the early polls. But that was in May, and since then "
        "Victor Almeida has seen his numbers climb. “People want a builder,” he said."
    )
    q = find(extract_quotes(text), "want a builder")
    assert q.speaker == "Victor Almeida"


def test_name_with_an_apposition_before_said_is_the_subject() -> None:
    text = (
        "Governor Sam Ruiz signed the bill on Monday. “The board moved too slowly,” Ivo "
        "Brandt, a former regulator and longtime analyst, said on Tuesday. “It should have "
        "acted in March,” he added."
    )
    q = find(extract_quotes(text), "acted in March")
    assert q.speaker == "Ivo Brandt"


def test_inverted_tag_with_a_lowercase_role_before_the_name() -> None:
    text = (
        "Mayor Ron Cole opened the fair. “Welcome, neighbors,” said master of ceremonies "
        "Asab Tarik, a retired engineer. “No thanks to the state,” he added."
    )
    q = find(extract_quotes(text), "No thanks to the state")
    assert q.speaker == "Asab Tarik"


def test_name_in_apposition_to_a_described_subject_is_the_subject() -> None:
    text = (
        "Kit Young said the fair drew thousands. One local woman, Dana Marsh, pulled "
        "Rep. Alan King aside after the event. “Don't forget us,” she told him."
    )
    q = find(extract_quotes(text), "forget us")
    assert q.speaker == "Dana Marsh"


def test_first_names_from_outside_the_english_speaking_world_give_a_gender() -> None:
    text = "Matteo Ferri met Ingrid Lund in Rome on Monday. “We agree on most of it,” she said."
    q = find(extract_quotes(text), "agree on most")
    assert q.speaker == "Ingrid Lund"


def test_bare_surname_takes_the_gender_of_its_full_name() -> None:
    text = (
        "Orozco hits back\n\n"
        "Orozco argued in Monterrey that Senator Tom Bell was wrong. "
        "“Migration fell while I was in office,” he said.\n\n"
        "Felipe Orozco, the former president, left office in 2012."
    )
    q = find(extract_quotes(text), "Migration fell")
    assert q.speaker == "Felipe Orozco"


def test_person_named_only_as_an_object_is_better_than_no_speaker() -> None:
    text = (
        "The trade risk was played down by Dossan Irbek, the foreign minister, on Monday. "
        "“We welcome the trade,” he said."
    )
    q = find(extract_quotes(text), "welcome the trade")
    assert q.speaker == "Dossan Irbek"


def test_role_of_another_person_as_subject_names_the_subject_just_before() -> None:
    text = (
        "Marta Quill on Wednesday called on Governor Dan Ellery to apologize for the remark. "
        "“My reaction was that it was reckless,” Ellery's former campaign strategist said."
    )
    q = find(extract_quotes(text), "reckless")
    assert q.speaker == "Marta Quill"


def test_occupation_as_subject_names_the_person_named_just_before() -> None:
    text = (
        "Health care should be cheaper, Ivo Penrose said on Monday. “Clinics are closing "
        "every month,” the retired neurosurgeon told a radio host."
    )
    q = find(extract_quotes(text), "Clinics are closing")
    assert q.speaker == "Ivo Penrose"


def test_curly_and_straight_apostrophes_name_the_same_person() -> None:
    text = (
        "Fire Chief Aileen O’Connor spoke first. “The cause has not been determined,” "
        "said O'Connor."
    )
    q = find(extract_quotes(text), "cause has not been")
    assert q.speaker == "Aileen O'Connor"


def test_a_headline_full_name_names_the_bare_surname_below_it() -> None:
    text = (
        "Mary Brennick Takes On The Mill Board.\n"
        "Brennick said on Friday that the board was “a club for insiders.” She called for a vote."
    )
    q = find(extract_quotes(text), "a club for insiders")
    assert q.speaker == "Mary Brennick"


def test_a_courtesy_title_picks_the_person_of_that_sex() -> None:
    text = (
        "Thomas Lindqvist and Karen Lindqvist opened the school fair on Saturday. Later, "
        "Mrs. Lindqvist and Mr. Lindqvist spoke. “We are proud of every teacher,” "
        "Mr. Lindqvist said."
    )
    q = find(extract_quotes(text), "proud of every teacher")
    assert q.speaker == "Thomas Lindqvist"


def test_an_age_and_a_hometown_before_who_belong_to_the_person() -> None:
    text = "Tom Reyes, 44, of Dayton, Pa., who works at the mill, said the plan was “a fraud.”"
    q = find(extract_quotes(text), "a fraud")
    assert q.speaker == "Tom Reyes"


def test_a_state_after_a_hometown_is_not_the_speaker() -> None:
    text = (
        "Ana Ortiz, 61, of Dayton, Ohio, who watched the vote from the gallery, said it was "
        "“a good day for the valley.”"
    )
    q = find(extract_quotes(text), "a good day for the valley")
    assert q.speaker == "Ana Ortiz"


def test_a_two_word_surname_with_a_courtesy_title_names_the_full_name() -> None:
    text = (
        "When Ildefonso Guajardo Villarreal took office, he promised reform. "
        "''We will not pay for any wall,'' Mr. Guajardo Villarreal said."
    )
    q = find(extract_quotes(text), "We will not pay for any wall")
    assert q.speaker == "Ildefonso Guajardo Villarreal"


def test_transcript_labels_inside_quote_marks_name_each_speaker() -> None:
    text = (
        "Governor Alma Reyes sparred with the host Dan Whitcomb on Sunday. "
        "A partial transcript follows:\n\n"
        "“WHITCOMB: Governor, will you sign the water bill?\n\n"
        "“REYES: Not in its present form. The farmers were never asked.\n\n"
        "“I will not sign a bill that nobody in the valley has read.\n\n"
        "“VIDEO: The full interview runs on the station’s website.”"
    )
    qs = extract_quotes(text)
    host = find(qs, "will you sign")
    assert (mention(host), host.speaker) == ("WHITCOMB", "Dan Whitcomb")
    governor = find(qs, "Not in its present form")
    assert (mention(governor), governor.speaker) == ("REYES", "Alma Reyes")
    assert governor.title == "Governor"
    # a paragraph with no label goes on with the last speaker; "VIDEO" is not a speaker
    assert find(qs, "nobody in the valley").speaker == "Alma Reyes"
    assert find(qs, "full interview").speaker == "Alma Reyes"


def test_a_capitalised_lead_in_used_once_is_not_a_transcript_label() -> None:
    text = "The minister’s slide read: “NATO: an alliance that must spend more, and soon.”"
    (q,) = [q for q in extract_quotes(text) if "alliance that must spend" in q.text]
    assert q.speaker != "Nato"


def test_a_role_given_before_the_name_names_that_person_later() -> None:
    text = (
        "Green Party candidate Lena Ortiz toured the harbour on Friday. Governor Paul Wexley "
        "spoke at a dinner that night.\n\n"
        "“We will clean up this water,” the Green Party candidate said."
    )
    q = find(extract_quotes(text), "clean up this water")
    assert q.speaker == "Lena Ortiz"


def test_the_gop_nominee_is_not_the_democratic_one_named_last() -> None:
    text = (
        "Republican nominee Carl Medina held a rally in Toledo. Democratic nominee Rosa Kline "
        "answered questions in Dayton.\n\n"
        "“The factories will come back,” the GOP nominee said."
    )
    q = find(extract_quotes(text), "factories will come back")
    assert q.speaker == "Carl Medina"


def test_two_roles_joined_by_and_name_the_one_person_who_holds_both() -> None:
    text = (
        "Rosa Kline, the Democratic nominee, visited a school in Dayton. Republican nominee Carl "
        "Medina was in Toledo.\n\n"
        "“Teachers deserve a raise,” the former mayor and current Democratic nominee said."
    )
    q = find(extract_quotes(text), "Teachers deserve a raise")
    assert q.speaker == "Rosa Kline"


def test_an_age_inside_a_longer_description_names_the_person_of_that_age() -> None:
    text = (
        "Nadia Brook, 34, opened a bakery on Main Street. Her brother Tom runs the shop next "
        "door.\n\n"
        "“I bake everything before dawn,” the 34-year-old mother of three said."
    )
    q = find(extract_quotes(text), "before dawn")
    assert q.speaker == "Nadia Brook"


def test_an_age_never_given_is_not_guessed() -> None:
    text = (
        "Martin Hale greeted the crowd on Sunday. His wife stood at his side.\n\n"
        "“He has always been a fighter,” said the 51-year-old."
    )
    q = find(extract_quotes(text), "always been a fighter")
    assert q.speaker != "Martin Hale"


def test_a_spokesman_for_a_person_is_not_that_person() -> None:
    text = (
        "Senator Ada Morrow spent the day in Reno.\n\n"
        "“The senator will not step aside,” a spokesman for Ada Morrow said."
    )
    q = find(extract_quotes(text), "not step aside")
    assert q.speaker != "Ada Morrow"


def test_a_spokesman_for_a_person_is_the_spokesman_named_earlier() -> None:
    text = (
        "Senator Ada Morrow spent the day in Reno. Ian Pryce, a spokesman for Morrow, said the "
        "trip was planned weeks ago.\n\n"
        "“The senator will not step aside,” a spokesman for Ada Morrow said."
    )
    q = find(extract_quotes(text), "not step aside")
    assert q.speaker == "Ian Pryce"


def test_a_spokesman_for_a_company_speaks_for_the_company() -> None:
    text = (
        "Harbor Freight Lines cut three routes this week.\n\n"
        "“The routes lost money for years,” a spokesman for Harbor Freight Lines said."
    )
    q = find(extract_quotes(text), "lost money")
    assert q.speaker == "Harbor Freight Lines"


def test_an_unnamed_narrator_is_not_the_last_person_named() -> None:
    text = (
        "A new ad from the Ellison campaign shows clips of Mayor Dana Pruitt at a budget "
        "hearing.\n\n"
        "“She raised your taxes twice,” the narrator says."
    )
    q = find(extract_quotes(text), "raised your taxes")
    assert q.speaker != "Dana Pruitt"


def test_pronoun_names_the_person_just_introduced_not_the_famous_subject_before() -> None:
    text = (
        "Governor tours flooded towns\n\n"
        "Governor Helen Marchetti toured the river towns on Friday. Marchetti said she would "
        "ask for federal aid. Marchetti praised the volunteers.\n\n"
        "Waiting at the levee was Rosa Delgado, a baker from Millbrook. "
        "“I lost everything in the shop,” she said."
    )
    q = find(extract_quotes(text), "lost everything")
    assert q.speaker == "Rosa Delgado"


def test_pronoun_keeps_the_subject_when_the_other_person_is_its_object() -> None:
    text = (
        "Mayor Ellen Park spoke at the depot on Monday. She thanked Nora Lindgren for the "
        "grant. “The buses will run on time,” she said."
    )
    q = find(extract_quotes(text), "buses will run")
    assert q.speaker == "Ellen Park"


def test_it_that_speaks_is_the_document_just_named_not_an_organisation() -> None:
    text = (
        "The Harbor Water Authority raised rates twice last year. The memo, sent to the "
        "council by the Harbor Water Authority on Tuesday, lists every broken main. "
        "“Repairs cannot wait another winter,” it reads."
    )
    q = find(extract_quotes(text), "cannot wait another winter")
    assert q.speaker == "the memo"


def test_they_passes_over_a_street_to_the_organisation_that_acts() -> None:
    text = (
        "The Riverside Nurses Union called a strike at the U.S. Veterans clinic on Monday. "
        "As they marched down Elm Street, they chanted: “Staff the wards now!”"
    )
    q = find(extract_quotes(text), "Staff the wards")
    assert q.speaker == "Riverside Nurses Union"


def test_they_names_the_group_described_as_the_subject() -> None:
    text = (
        "The Senate passed the bill on Friday. The two economists who studied the plan, "
        "both at Lakeview University, are unconvinced. “The numbers do not add up,” they "
        "wrote."
    )
    q = find(extract_quotes(text), "numbers do not add up")
    assert q.speaker == "the two economists"


def test_a_day_after_a_name_is_not_part_of_the_name() -> None:
    text = (
        "Council member Marta Quill Tuesday said the vote was close. Voters will remember "
        "Ivo Brandt Election Day as the man who lost by nine votes. "
        "“We won it anyway,” Quill said. “I will ask for a recount,” Brandt said."
    )
    qs = extract_quotes(text)
    assert find(qs, "won it anyway").speaker == "Marta Quill"
    assert find(qs, "ask for a recount").speaker == "Ivo Brandt"


def test_the_former_president_is_not_the_sitting_one() -> None:
    text = (
        "Former President Hal Dorsey toured the dam on Monday. Later that day he met with "
        "President Amos Ruiz at the capitol.\n\n"
        "“It took courage,” the former president said of the water bill."
    )
    q = find(extract_quotes(text), "took courage")
    assert q.speaker == "Hal Dorsey"


def test_the_former_president_is_the_subject_before_when_only_a_sitting_one_has_the_title() -> None:
    text = (
        "President Ruiz defended the water bill in a speech. Vice President Lena Ott stayed in "
        "Washington.\n\n"
        "Hal Dorsey joined the fight on Tuesday, campaigning for the bill in Tulsa. “It took "
        "courage,” the former president said."
    )
    q = find(extract_quotes(text), "took courage")
    assert q.speaker == "Hal Dorsey"


def test_the_president_is_not_the_vice_president() -> None:
    text = (
        "President Amos Ruiz met the governors in Washington. Vice President Lena Ott toured "
        "the flooded towns.\n\n"
        "“We will rebuild,” the president said."
    )
    q = find(extract_quotes(text), "will rebuild")
    assert q.speaker == "Amos Ruiz"


def test_a_synonymous_role_goes_to_its_holder_not_the_last_person_named() -> None:
    text = (
        "Vance Holloway, the billionaire real estate developer, hired Tom Pike to run his "
        "campaign on Thursday. Pike once advised two governors.\n\n"
        "“He is the best in the business,” the business mogul said."
    )
    q = find(extract_quotes(text), "best in the business")
    assert q.speaker == "Vance Holloway"


def test_a_role_never_given_goes_to_the_subject_just_before_not_the_last_name() -> None:
    text = (
        "Vance Holloway announced on Thursday that he had hired Tom Pike to run his "
        "campaign.\n\n"
        "“He is the best in the business,” the business mogul said in a statement."
    )
    q = find(extract_quotes(text), "best in the business")
    assert q.speaker == "Vance Holloway"


def test_a_role_holder_named_long_ago_loses_to_the_subject_just_before() -> None:
    filler = "The festival drew large crowds all week and the organisers were pleased. " * 25
    text = (
        "Actor Dev Raman opened the festival on Friday. "
        + filler
        + "\n\nStage star Nico Amari staged a mock audition on Sunday. “We wanted to make a "
        "point,” the actor said."
    )
    q = find(extract_quotes(text), "make a point")
    assert q.speaker == "Nico Amari"


def test_a_state_before_a_role_is_a_role_not_an_organisation() -> None:
    text = (
        "Sen. Joan Ferris, R-Iowa, introduced Craig Lund at the rally.\n\n"
        "Lund spoke for twenty minutes. “We will win Iowa,” the Florida senator told reporters."
    )
    q = find(extract_quotes(text), "win Iowa")
    assert q.speaker == "Craig Lund"


def test_a_state_before_a_role_picks_the_senator_from_that_state() -> None:
    text = (
        "Sen. Rob Dunne (R-Tex.) and Sen. Mark Alder (R-Fla.) met in Miami.\n\n"
        "Reporters waited outside for an hour. “We agreed on nothing,” the Texas senator said."
    )
    q = find(extract_quotes(text), "agreed on nothing")
    assert q.speaker == "Rob Dunne"


def test_a_party_role_is_not_the_other_partys_person_named_last() -> None:
    text = (
        "Ruth Vance, the Democratic nominee, met voters in Akron. Ned Cole said on Friday "
        "that he would skip the debate with Vance.\n\n"
        "“I would rather talk to voters,” the Republican nominee said."
    )
    q = find(extract_quotes(text), "rather talk to voters")
    assert q.speaker == "Ned Cole"


def test_a_role_without_the_resolves_like_one_with_it() -> None:
    text = (
        "Nora Quill held a town hall in Keene on Sunday. “We are not done yet,” Quill said. The "
        "Democratic presidential front-runner and former secretary of state said the plan was "
        "“fair to every family” and would pass."
    )
    q = find(extract_quotes(text), "fair to every family")
    assert q.speaker == "Nora Quill"


def test_an_adverb_after_the_subject_is_not_part_of_its_name() -> None:
    text = (
        "FactWatch then ruled that the mayor's claim about “thousands of new jobs” was "
        "“mostly false.”"
    )
    q = find(extract_quotes(text), "mostly false")
    assert (mention(q), q.speaker) == ("FactWatch", "FactWatch")


def test_a_group_owned_by_a_person_reads_with_the_full_name() -> None:
    text = (
        "Senator Mara Quist opened her campaign in Duluth on Monday. "
        "Quist’s campaign said in a statement that the senator would “win every county.”"
    )
    q = find(extract_quotes(text), "win every county")
    assert q.speaker == "Mara Quist's campaign"


def test_an_unnamed_official_speaks_for_the_whole_organisation_name() -> None:
    qs = extract_quotes(
        "“We are reviewing the letter,” a State Department spokesman said on Friday. "
        "“Nothing has changed,” said a White House official."
    )
    assert find(qs, "reviewing the letter").speaker == "State Department"
    assert find(qs, "Nothing has changed").speaker == "White House"
