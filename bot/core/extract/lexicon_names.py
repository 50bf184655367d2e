"""Given names with a clear gender and gendered honorifics, for he/she agreement.

Plain lower-case frozensets (one hash per lookup); re-exported by ``lexicon``.
"""

from __future__ import annotations


def _words(block: str) -> frozenset[str]:
    """A whitespace-separated block of words as a set."""
    return frozenset(block.split())


#: Small, common first names with a clear gender, for choosing he/she antecedents.
MALE_NAMES = frozenset(
    [
        "donald",
        "jd",
        "james",
        "john",
        "robert",
        "michael",
        "william",
        "david",
        "richard",
        "joseph",
        "thomas",
        "charles",
        "christopher",
        "daniel",
        "matthew",
        "anthony",
        "mark",
        "paul",
        "steven",
        "andrew",
        "kenneth",
        "joshua",
        "kevin",
        "brian",
        "george",
        "timothy",
        "ronald",
        "edward",
        "jason",
        "jeffrey",
        "ryan",
        "jacob",
        "gary",
        "nicholas",
        "eric",
        "jonathan",
        "stephen",
        "larry",
        "justin",
        "scott",
        "brandon",
        "benjamin",
        "samuel",
        "gregory",
        "frank",
        "alexander",
        "raymond",
        "patrick",
        "jack",
        "dennis",
        "jerry",
        "tyler",
        "aaron",
        "jose",
        "adam",
        "henry",
        "nathan",
        "douglas",
        "zachary",
        "peter",
        "kyle",
        "walter",
        "ethan",
        "jeremy",
        "harold",
        "keith",
        "christian",
        "roger",
        "noah",
        "gerald",
        "carl",
        "terry",
        "sean",
        "austin",
        "arthur",
        "lawrence",
        "jesse",
        "dylan",
        "bryan",
        "joe",
        "jordan",
        "billy",
        "bruce",
        "albert",
        "willie",
        "gabriel",
        "logan",
        "alan",
        "juan",
        "wayne",
        "roy",
        "ralph",
        "randy",
        "eugene",
        "vincent",
        "russell",
        "elijah",
        "louis",
        "bobby",
        "philip",
        "johnny",
        "bernie",
        "ted",
        "marco",
        "jeb",
        "ben",
        "chris",
        "mike",
        "rand",
        "newt",
        "reince",
        "corey",
        "paul",
        "mitt",
        "barack",
        "bill",
        "rudy",
        "rudolph",
        "vladimir",
        "emmanuel",
        "volodymyr",
        "pete",
        "mitch",
        "chuck",
        "lindsey",
        "nancy",
        "tim",
    ]
)

FEMALE_NAMES = frozenset(
    [
        "mary",
        "patricia",
        "jennifer",
        "linda",
        "elizabeth",
        "barbara",
        "susan",
        "jessica",
        "sarah",
        "karen",
        "nancy",
        "lisa",
        "betty",
        "margaret",
        "sandra",
        "ashley",
        "kimberly",
        "emily",
        "donna",
        "michelle",
        "dorothy",
        "carol",
        "amanda",
        "melissa",
        "deborah",
        "stephanie",
        "rebecca",
        "sharon",
        "laura",
        "cynthia",
        "kathleen",
        "amy",
        "shirley",
        "angela",
        "helen",
        "anna",
        "brenda",
        "pamela",
        "nicole",
        "emma",
        "samantha",
        "katherine",
        "christine",
        "debra",
        "rachel",
        "catherine",
        "carolyn",
        "janet",
        "ruth",
        "maria",
        "heather",
        "diane",
        "virginia",
        "julie",
        "joyce",
        "victoria",
        "olivia",
        "kelly",
        "christina",
        "lauren",
        "joan",
        "evelyn",
        "judith",
        "megan",
        "cheryl",
        "andrea",
        "hannah",
        "martha",
        "jacqueline",
        "frances",
        "gloria",
        "ann",
        "teresa",
        "kathryn",
        "sara",
        "janice",
        "jean",
        "alice",
        "madison",
        "doris",
        "abigail",
        "julia",
        "judy",
        "grace",
        "denise",
        "amber",
        "marilyn",
        "beverly",
        "danielle",
        "theresa",
        "sophia",
        "marie",
        "diana",
        "brittany",
        "natalie",
        "isabella",
        "charlotte",
        "rose",
        "alexis",
        "kayla",
        "hillary",
        "jill",
        "kellyanne",
        "huma",
        "ivanka",
        "melania",
        "michelle",
        "chelsea",
        "hope",
        "katrina",
        "kellyanne",
        "carly",
        "nikki",
        "sheryl",
        "marsha",
        "dana",
        "angela",
        "theresa",
        "ursula",
        "giorgia",
        "marine",
        "kamala",
        "nancy",
        "elizabeth",
        "tulsi",
        "condoleezza",
        "madeleine",
        "debbie",
        "donna",
    ]
)

#: Male/female honorifics.
MALE_TITLES = frozenset({"mr", "mr.", "sir", "king", "prince", "lord", "father", "congressman"})
FEMALE_TITLES = frozenset(
    {"mrs", "mrs.", "ms", "ms.", "miss", "queen", "princess", "lady", "dame", "congresswoman"}
)

#: More common first names (gender for pronoun resolution): a wrong "she" costs a right answer.
MALE_NAMES = MALE_NAMES | _words(
    """aaron adam alan albert alex alexander andrew andy anthony arthur austin barry ben
    benjamin bernard bernie bill billy bob bobby brad bradley brandon brett brian bruce bryan
    carl carlos charles charlie chris christopher chuck clarence colin craig dale dan daniel
    danny darrell dave david dean dennis derek dick don doug douglas dwight earl ed eddie edward
    eric ernest eugene frank fred frederick gary gene george gerald glenn gordon greg gregory
    harold harry henry howard ian jack jacob jake jason jay jeb jeff jeffrey jeremy jerry jesse
    jim jimmy joe joel john johnny jon jonathan jordan jose joseph josh joshua juan justin keith
    ken kenneth kevin kurt larry lawrence leon lindsey louis luis marco mark martin matt matthew
    michael mike mitch mitt nathan neil newt nicholas nick norman patrick paul peter phil philip
    ralph randy ray raymond reince richard rick rob robert roger ron ronald roy russell ryan sam
    samuel scott sean sergei seth stanley stephen steve steven stuart ted terry thomas tim
    timothy todd tom tommy tony travis troy tyler victor vincent vladimir walter wayne william
    willie xi yukiya zach"""
)
FEMALE_NAMES = FEMALE_NAMES | _words(
    """abigail alice alicia alison allison amanda amber amy andrea angela ann anna anne annie
    audrey barbara betty beverly brenda carly carol carole caroline carolyn catherine cathy
    chelsea cheryl christina christine cindy claire claudia connie cynthia dana deborah denise
    diana diane donna doris dorothy elaine elizabeth ellen emily emma erin evelyn frances gail
    gloria grace heather heidi helen hope irene jan jane janet janice jean jeanne jennifer jessica
    jill joan joanne joyce judith judy julia julie karen kate katherine kathleen kathryn kathy
    katie kay kelly kellyanne melanie kim kimberly laura lauren linda lisa loretta lori louise lynn
    margaret maria marie marilyn martha mary megan megyn melania melissa michele michelle
    monica nancy natalie nicole nikki pamela pat patricia patti paula peggy rachel rebecca
    rita roberta rose ruth sally samantha sandra sara sarah sharon shirley stephanie sue susan
    suzanne tammy teresa theresa tiffany tina valerie victoria virginia wendy"""
)

#: Still more first names, many from outside the English-speaking world ("Felipe", "Matteo",
#: "Zeynep"): a name of unknown gender loses to any gendered one, so a short list misleads
#: pronouns. Names that are as often surnames or shared by both sexes are left out.
MALE_NAMES = (
    MALE_NAMES
    | _words(
        """abraham adrian ahmad ahmed akhil alberto alejandro alfred ali allen alvin amir andre
    andres angelo antonin antonio arnold arturo barney bashar benard benedict bernardo bert
    bjorn blake boris brendan brent bryce byron caleb calvin carlo cecil cesar chad chester
    claude clay clifford clint clyde cody connor conor cory curtis cyrus damian damon dante
    darran darren darryl denis desmond devin dexter diego dinesh dmitry dominic donnie dustin
    edgar eduardo edwin eli elias elliot elliott elon emanuel emil emilio enrique erik erlan
    ernesto esteban evan ezra fabio federico felipe felix fernando floyd florent francis
    francisco francois françois franklin franz freddy gavin geoff geoffrey gerard gerhard gil
    gilbert giuseppe glen guillermo gustavo hakeem hamid hank hans harvey hassan hector herbert
    herman hugh hugo ibrahim igor isaac ivan jacques jaime jamal jared javier jeh jens jerome
    jesus jimmie joaquin joey johan johannes jorge jules julian julius kareem karl kelvin kirk
    klaus lamar lance lars leo leonard leroy lester lloyd lorenzo lou luca lucas luke luther
    mahmoud malcolm manuel marc marcel marcus mario marvin mathew matteo maurice max maxwell
    melvin micah michel miguel mikhail milton mitchell mohammad mohammed moises morris moshe
    muhammad murray nate neal ned nelson nicolas nigel noel norm oliver omar orrin oscar otto
    owen pablo paolo pascal pedro perry phillip pierre rafael raffaello rahm ramon randall raul
    recep reggie reginald rene reuben rex ricardo rich richie roberto rod rodney roland rolf
    roman ronnie rory ross rupert rush russ salvador sammy santiago saul sebastian sergio shane
    shaun shawn sheldon sherrod sidney silvio simon spencer stan stefan sterling stewart
    sylvester tad terrence theodore thad tobias toby trent trey ulysses uri vernon vic vicente
    vito wallace warren wes wesley whit wilbur wilfred will willard winston wolfgang xavier yuri
    zeke"""
    )
) - {"nancy"}
FEMALE_NAMES = FEMALE_NAMES | _words(
    """adele adriana agnes aileen aisha alexandra alexandria alixandria alma amelia ana angelina
    anita annette antoinette ariana arlene audra ava barbra beatrice becky belinda bernadette
    beth bethany betsy bianca bonnie brianna bridget brooke camille candace candice cara carla
    carmen carrie cassandra cecilia celeste celia charlene chloe clara colleen constance courtney
    crystal daisy darlene dawn debby delia della dilma dolores edith eileen elena elisa elise
    eliza ella ellie eloise elsa emilia erica erika esther eva eve fatima felicia fiona florence
    francesca gabriela gabrielle gina ginger gladys gretchen gwen gwendolyn hailey harriet hazel
    hilda holly ida ilhan ingrid irma isabel ivana jackie jacquelyn jana janelle janine jasmine
    jeanette jeanine jenna jenny joanna jocelyn jodi josephine joy juanita julianne juliet june
    kara kari karin katharine kellie kendra kirsten krista kristen kristin kristina kylie lana
    latoya laurie leah leila lena lila lillian lily liz lois lorraine lucia lucy lydia mabel
    madeline mae maggie mandy mara marcia margarita margo marian marianne marina marisa marjorie
    marla marlene maryam maureen maxine maya meghan melinda mercedes meredith mia mildred millie
    mindy miranda miriam misty molly mona monique muriel myra nadia naomi natasha neera nell
    nina nora norma olga paige patsy pauline pearl penelope penny phyllis priscilla rachael
    ramona regina renee rhonda rosa rosalind rosemary roxanne ruby sabrina sadie selena serena
    sheila sherry shelley silvia sofia sonia sonya stacey stacy stella sylvia tamara tanya tara
    tatiana tessa thelma trisha vanessa vera veronica vicki vickie viola violet vivian wanda
    whitney yolanda yvonne zoe zeynep"""
)

#: Common given names the lists above lacked ("Marty", "Solomon", "Norah", "Gilda"): an
#: unknown given name leaves its bearer without a gender, and then "she" or "he" skips her.
#: Names as often surnames, places or words ("Wade", "Preston", "Cliff", "Destiny") stay out.
MALE_NAMES = MALE_NAMES | _words(
    """abe alec alexei andrei archie arlen barron beto bibi bret brock buddy cal corbin cornel
    darius dirk dmitri duane dwayne elvis emmett ezekiel forrest gabe geraldo gerry gideon grady
    gus hal harlan herb hershel jeremiah jermaine jonah keir kieran kofi kwame lenny luay lyndon
    mel merle merrick mickey mohamed monty mustafa myron narendra nathaniel neville
    nikolai ozzie quentin randolph rishi robby rufus sajid sal sander seamus shinzo solomon
    sonny stu teddy thaddeus trevor tyrone viktor woody yusuf"""
)
FEMALE_NAMES = FEMALE_NAMES | _words(
    """abby adrienne alana alexa alyssa angie ayanna bella bernice brandi caitlin callie
    cassidy cecelia cheri corinne deja delores dianne dottie eleanor elisabeth esmeralda farrah
    galia gayle gilda hoda ileana ilyse imani iris jada jolene josie karla kasey katelyn katy
    keisha kelsey kristi kyra lakeisha lara latasha lindsay lorena lorna lucille luisa marcy
    margie maribel marissa maura melanne michaela mika minnie mitzi nadine nanette nia nicola
    noor norah oprah paloma pam patty petra rachelle rashida rebekah rhoda rochelle roseanne
    rosie roxana samira sasha shana shari shawna simone stacie susana suzy tabitha tamika
    tammie tania tasha terri tonya tracey tricia trudy valentina wilma yasmin yvette zara
    zelda"""
)
