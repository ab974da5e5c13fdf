"""Demo explainer articles for the sample site. Original text written for this project.
Authors and reviewers are fictional sample people."""

AUTHORS = [
    {
        "key": "avery-samplewright",
        "display_name": "Avery Samplewright (sample author)",
        "credentials": "MS, science writer",
        "bio": (
            "Avery Samplewright is a fictional sample author created for this demo site. The "
            "profile stands in for a science writer who explains mental health research in "
            "plain language."
        ),
    },
    {
        "key": "jordan-exampleton",
        "display_name": "Jordan Exampleton (sample author)",
        "credentials": "MA, medical editor",
        "bio": (
            "Jordan Exampleton is a fictional sample author created for this demo site. The "
            "profile stands in for a medical editor who checks health articles against the "
            "research they cite."
        ),
    },
]

REVIEWERS = [
    {
        "key": "casey-placeholder",
        "display_name": "Dr. Casey Placeholder (sample reviewer)",
        "credentials": "MD, board-certified psychiatrist",
    },
    {
        "key": "riley-demoreview",
        "display_name": "Dr. Riley Demoreview (sample reviewer)",
        "credentials": "MD, board-certified psychiatrist",
    },
]

TOPICS = [
    ("how-ketamine-works", "How ketamine works"),
    ("research-evidence", "What the research shows"),
    ("treatment-options", "Treatment options"),
    ("safety-and-side-effects", "Safety and side effects"),
    ("costs-and-access", "Costs and access"),
    ("what-to-expect", "What to expect"),
]

ARTICLES = [
    {
        "slug": "ketamine-nmda-receptor",
        "title": "Ketamine and the NMDA receptor: where the story starts",
        "summary": (
            "Ketamine's first action in the brain is to plug the NMDA receptor, a channel for "
            "the messenger glutamate. Here is what that means, and why the dose changes "
            "everything."
        ),
        "topics": ["how-ketamine-works"],
        "conditions": ["depression", "treatment-resistant-depression"],
        "authors": ["avery-samplewright"],
        "reviewer": "casey-placeholder",
        "body": """Ketamine has been used as an anesthetic for more than 50 years. An anesthetic is
a drug that puts people into a sleep-like state for surgery. Over the last 25 years, researchers
found that much smaller doses can ease depression in some people, and sometimes quickly [3, 4]. To
see why, it helps to start with the first thing ketamine does in the brain: it blocks a target
called the NMDA receptor.

## What is a receptor?

Brain cells are called neurons. They pass messages to each other with chemicals called
neurotransmitters. A receptor is a protein on the surface of a cell that a neurotransmitter fits
into, a bit like a key fitting a lock. When the right chemical attaches, the receptor changes shape
and passes a signal into the cell.

Drugs often work by acting on receptors. Some turn a receptor on. Others block it, so the brain's
own chemical can't do its usual job.

## Glutamate: the brain's main "go" signal

Glutamate is the most common "go" signal in the brain. When it reaches a neuron, it tends to make
that neuron more active. Glutamate works through several kinds of receptors. Two matter most for the
ketamine story: NMDA receptors and AMPA receptors. The odd names come from lab chemicals that switch
each one on. You don't need to remember them.

The NMDA receptor is a channel, which means it is a tiny gated tunnel through the wall of the cell.
When the gate opens, charged particles (ions) such as sodium and calcium flow in. Calcium acts as a
signal inside the cell. It helps decide whether a connection between two neurons gets stronger or
weaker. This is one of the ways the brain learns and forms memories.

The NMDA channel is picky. It opens only when glutamate is attached and the cell is already somewhat
active. At rest, a magnesium ion sits in the tunnel like a cork. Extra activity pushes the cork out.
Because both things must happen at the same time, scientists sometimes call the NMDA receptor a
"coincidence detector."

## How ketamine blocks the channel

Ketamine does not fight glutamate for the lock. Instead, it slips into the tunnel and sits inside,
plugging it. Scientists call this an "open-channel blocker." Early evidence came from a 1983 animal
study. It showed that ketamine and a related drug, PCP, dampened the response of nerve cells to an
NMDA-like chemical while leaving some other responses alone [1].

Because ketamine enters through the open gate, it tends to block channels that are in use. Once
inside, it can get stuck when the gate closes. That detail may matter. A 2014 study in mouse brain
tissue compared ketamine with memantine, another NMDA blocker that is used for Alzheimer's disease.
Ketamine blocked NMDA receptors on neurons at rest under normal conditions, but memantine did so
much less. In mice, only ketamine produced a quick antidepressant-like effect [5]. So "blocks NMDA
receptors" is not the whole story. How a drug blocks them seems to matter, too.

## Why dose matters

Dose means how much drug a person gets and how fast it is given. With ketamine, dose changes the
effect a great deal.

At high doses, ketamine blocks so many NMDA receptors that a person loses awareness. This is
anesthesia. At much lower doses, people stay awake but may feel strange. They may feel floaty or
detached from their body, or notice changes in sight, sound or time. This is called dissociation. In
a 1994 study of healthy volunteers, low doses caused short-lived dissociation, changes in
perception, some psychosis-like symptoms, and trouble with certain thinking tasks. These effects
faded after the drug was stopped [2].

## Anesthetic doses versus antidepressant doses

In most depression research, ketamine was dripped slowly into a vein over about 40 minutes. The dose
was based on body weight and was only a fraction of a typical anesthetic dose.

In a small 2000 study, seven people with depression completed testing of both ketamine and a
salt-water placebo on different days. Their depression scores improved over the next three days
after ketamine, but not after placebo [3]. A 2006 study tested the same approach in 18 people whose
depression had not improved with other treatments. Many felt better within two hours. Most met the
study's bar for a strong response the next day, and about one in three still did a week later [4].
These were small studies. Larger trials came later, and other articles on this site describe them.

The dose in a clinic is chosen and watched by trained staff, with heart rate, blood pressure and
breathing checked along the way. Ketamine bought on the street may not be what it claims to be.
Using it on your own is not the same as treatment and can be dangerous.

## What the NMDA block does not explain

There is a puzzle. Ketamine blocks NMDA receptors within minutes, and the body clears most of it
within hours. Yet mood benefits, when they happen, can last for days. Also, as the memantine study
shows, other NMDA blockers do not act the same way [5].

For these reasons, many scientists think the NMDA block is a trigger, not the full explanation. It
seems to set off a chain of events, including a burst of glutamate and changes in brain connections.
Much of that evidence comes from animals, and research is ongoing. Other articles on this site cover
those next steps.

## The bottom line

Ketamine's first action is to plug the NMDA receptor channel, a key part of the brain's glutamate
signaling system. The amount given changes the result: surgical anesthesia at high doses, brief
dissociation and, for some people, relief from depression at low doses. If you are wondering whether
ketamine treatment could fit your situation, talk it over with a psychiatrist or other qualified
clinician.""",
        "references": [
            {
                "authors": "Anis NA, Berry SC, Burton NR, Lodge D.",
                "title": (
                    "The dissociative anaesthetics, ketamine and phencyclidine, selectively "
                    "reduce excitation of central mammalian neurones by N-methyl-aspartate"
                ),
                "source": "British Journal of Pharmacology",
                "year": 1983,
                "doi": "10.1111/j.1476-5381.1983.tb11031.x",
                "url": "",
            },
            {
                "authors": "Krystal JH, Karper LP, Seibyl JP, et al.",
                "title": (
                    "Subanesthetic effects of the noncompetitive NMDA antagonist, ketamine, in "
                    "humans: psychotomimetic, perceptual, cognitive, and neuroendocrine "
                    "responses"
                ),
                "source": "Archives of General Psychiatry",
                "year": 1994,
                "doi": "",
                "url": "",
            },
            {
                "authors": "Berman RM, Cappiello A, Anand A, et al.",
                "title": "Antidepressant effects of ketamine in depressed patients",
                "source": "Biological Psychiatry",
                "year": 2000,
                "doi": "10.1016/S0006-3223(99)00230-9",
                "url": "",
            },
            {
                "authors": "Zarate CA Jr, Singh JB, Carlson PJ, et al.",
                "title": (
                    "A randomized trial of an N-methyl-D-aspartate antagonist in "
                    "treatment-resistant major depression"
                ),
                "source": "Archives of General Psychiatry",
                "year": 2006,
                "doi": "10.1001/archpsyc.63.8.856",
                "url": "",
            },
            {
                "authors": "Gideons ES, Kavalali ET, Monteggia LM.",
                "title": (
                    "Mechanisms underlying differential effectiveness of memantine and ketamine "
                    "in rapid antidepressant responses"
                ),
                "source": "Proceedings of the National Academy of Sciences of the USA",
                "year": 2014,
                "doi": "10.1073/pnas.1323920111",
                "url": "",
            },
        ],
    },
    {
        "slug": "glutamate-surge-ampa-receptors",
        "title": "The glutamate surge: how blocking a receptor can boost brain signals",
        "summary": (
            "Ketamine blocks a glutamate receptor, yet seems to cause a burst of glutamate. We "
            "explain the disinhibition idea, the role of AMPA receptors and the open debate "
            "over a ketamine metabolite."
        ),
        "topics": ["how-ketamine-works", "research-evidence"],
        "conditions": ["depression", "treatment-resistant-depression"],
        "authors": ["avery-samplewright"],
        "reviewer": "riley-demoreview",
        "body": """Here is a puzzle. Ketamine blocks a receptor for glutamate, the brain's main "go"
signal. You might expect that to quiet the brain down. Yet animal studies suggest that, at low
doses, ketamine does the opposite in some brain areas: it causes a short burst of glutamate. Many
scientists think this burst is an early step in how ketamine may ease depression. This article
explains the leading idea, called the disinhibition hypothesis, and where the science is still
unsettled.

## Gas pedals and brakes

The prefrontal cortex is the part of the brain behind your forehead. It helps with planning, focus
and managing emotions. It contains two broad kinds of neurons (brain cells).

- **Pyramidal neurons** are the main "output" cells. They release glutamate and send signals to
  other brain areas. Think of them as the gas pedal.
- **Inhibitory interneurons** are smaller cells that release a calming chemical called GABA. They
  keep pyramidal neurons in check. Think of them as the brakes.

A healthy brain needs both. Too much gas or too much brake can throw things off balance.

## The disinhibition idea

"Disinhibition" means taking the brakes off. The idea goes like this:

1. Some inhibitory interneurons fire very often, and they rely heavily on NMDA receptors to stay
   active.
2. Ketamine blocks NMDA receptors, so these busy brake cells slow down.
3. With less braking, pyramidal neurons fire more.
4. More firing means more glutamate is released. This is the "glutamate surge."

Two lines of rat research support this picture. In a 1997 study, scientists measured chemicals in
the prefrontal cortex of awake rats. Low doses of ketamine raised glutamate levels there. A much
larger, anesthetic dose lowered them [1]. That finding also shows why dose matters: a small dose and
a large dose can push the brain in opposite directions.

In a 2007 study, researchers recorded the electrical activity of single neurons in the prefrontal
cortex of awake rats. They gave a drug that blocks NMDA receptors in a way similar to ketamine. Most
cells that looked like brake cells became quieter. After a short delay, most pyramidal cells became
more active [2]. That is the pattern the disinhibition idea predicts.

## Where AMPA receptors come in

If ketamine is blocking NMDA receptors, where does all the extra glutamate go? Glutamate has other
receptors, and one important type is the AMPA receptor. Ketamine does not block AMPA receptors. So
the glutamate surge can switch them on.

When AMPA receptors are activated, they let charged particles into the cell and make it more active.
Scientists think this sets off signals inside the cell that help strengthen connections between
neurons. A separate article on this site covers those later steps, which involve a growth protein
called BDNF.

A 2008 mouse study tested whether AMPA receptors are needed. The researchers gave mice a drug that
blocks AMPA receptors before giving ketamine. With AMPA receptors blocked, ketamine no longer had
its usual antidepressant-like effects in the behavior tests [3]. This suggests AMPA activation is an
important link in the chain, at least in mice.

## Does the surge happen in people?

It is much harder to measure glutamate inside a living human brain. One method uses a special type
of MRI scan, called magnetic resonance spectroscopy, to track chemicals. A 2018 study used this
method in healthy volunteers and in people with depression. It found signs that ketamine increases
glutamate activity in the human prefrontal cortex [4]. This fits the animal work, but it does not
prove that the surge is what relieves depression.

## The hydroxynorketamine debate

When your liver breaks ketamine down, it makes several new chemicals called metabolites. One family
of metabolites is called hydroxynorketamine, or HNK for short.

In 2016, a research team reported a surprising result in mice. One form of HNK had
antidepressant-like effects on its own. It did not seem to cause ketamine-like side effects in the
mice. The team also reported that it did not need to block NMDA receptors to work, while it did
depend on AMPA receptors. When they slowed the body's production of this metabolite, ketamine worked
less well in their mouse tests [5]. If true, this would mean the NMDA block might not be the key
step after all.

Other scientists questioned this. In 2017, a different group reported that the same metabolite can
block NMDA receptors in rodent nerve cells, and that its effects inside the cell look like those of
NMDA blockade [6]. Other labs have published results on both sides since then. Whether HNK helps
people with depression has not been shown. It is not an approved treatment.

## Still a work in progress

The disinhibition hypothesis is a leading explanation, but it is not the only one. Researchers are
also studying how ketamine affects NMDA receptors on neurons at rest, and other brain circuits.
These ideas may fit together rather than compete. Most of the detailed evidence comes from rats and
mice, whose brains and "depression-like" behaviors are only partly like ours.

What this means for you is simple. Scientists agree that ketamine can help some people with
depression quickly. They do not yet fully agree on why. A clear understanding may one day lead to
treatments that work as fast but with fewer side effects. For now, if you are thinking about
ketamine treatment, a psychiatrist or other qualified clinician can help you weigh the known
benefits and risks.""",
        "references": [
            {
                "authors": "Moghaddam B, Adams B, Verma A, Daly D.",
                "title": (
                    "Activation of glutamatergic neurotransmission by ketamine: a novel step in "
                    "the pathway from NMDA receptor blockade to dopaminergic and cognitive "
                    "disruptions associated with the prefrontal cortex"
                ),
                "source": "Journal of Neuroscience",
                "year": 1997,
                "doi": "10.1523/JNEUROSCI.17-08-02921.1997",
                "url": "",
            },
            {
                "authors": "Homayoun H, Moghaddam B.",
                "title": (
                    "NMDA receptor hypofunction produces opposite effects on prefrontal cortex "
                    "interneurons and pyramidal neurons"
                ),
                "source": "Journal of Neuroscience",
                "year": 2007,
                "doi": "10.1523/JNEUROSCI.2213-07.2007",
                "url": "",
            },
            {
                "authors": "Maeng S, Zarate CA Jr, Du J, et al.",
                "title": (
                    "Cellular mechanisms underlying the antidepressant effects of ketamine: "
                    "role of alpha-amino-3-hydroxy-5-methylisoxazole-4-propionic acid receptors"
                ),
                "source": "Biological Psychiatry",
                "year": 2008,
                "doi": "",
                "url": "",
            },
            {
                "authors": "Abdallah CG, et al.",
                "title": (
                    "The effects of ketamine on prefrontal glutamate neurotransmission in "
                    "healthy and depressed subjects"
                ),
                "source": "Neuropsychopharmacology",
                "year": 2018,
                "doi": "10.1038/s41386-018-0136-3",
                "url": "",
            },
            {
                "authors": "Zanos P, Moaddel R, Morris PJ, et al.",
                "title": (
                    "NMDAR inhibition-independent antidepressant actions of ketamine metabolites"
                ),
                "source": "Nature",
                "year": 2016,
                "doi": "10.1038/nature17998",
                "url": "",
            },
            {
                "authors": "Suzuki K, Nosyreva E, Hunt KW, Kavalali ET, Monteggia LM.",
                "title": "Effects of a ketamine metabolite on synaptic NMDAR function",
                "source": "Nature",
                "year": 2017,
                "doi": "10.1038/nature22084",
                "url": "",
            },
        ],
    },
    {
        "slug": "bdnf-mtor-new-synapses",
        "title": 'BDNF, mTOR and new synapses: the "rewiring" idea',
        "summary": (
            'Does ketamine really "rewire" the brain? A plain-language look at synapses, the '
            "growth protein BDNF and the cell switch mTOR, and at what is shown in animals "
            "versus people."
        ),
        "topics": ["how-ketamine-works", "research-evidence"],
        "conditions": ["depression", "treatment-resistant-depression"],
        "authors": ["jordan-exampleton"],
        "reviewer": "casey-placeholder",
        "body": """You may have read that ketamine "rewires the brain" or "grows new connections."
There is real science behind those phrases, but most of it comes from rats and mice. This article
explains three key ideas: synapses, a growth protein called BDNF, and a cell switch called mTOR. It
also sorts out what has been shown in animals and what is still unproven in people.

## Synapses and dendritic spines

Neurons (brain cells) connect at tiny junctions called synapses. At a synapse, one cell releases a
chemical messenger and the next cell picks it up.

Many neurons have branches called dendrites. Along these branches are small bumps called dendritic
spines. Most "go" signals that use glutamate arrive at synapses on these spines. More healthy spines
usually means more working connections.

The brain can change its connections over time. Synapses can get stronger or weaker, and spines can
form or disappear. This ability is called synaptic plasticity. It is a big part of how we learn and
adapt.

## Stress, depression and lost connections

In animal studies, long-lasting stress shrinks dendrites and reduces the number of spines in parts
of the brain that manage mood and thinking. These areas include the prefrontal cortex and the
hippocampus, a region important for memory. Studies of human brain tissue and brain scans suggest
that some people with depression also have fewer or weaker connections in these areas [1].

This led to an idea: maybe depression partly involves lost or weakened connections, and some
treatments help by restoring them. It is a helpful model, but depression is complex. No single brain
change explains it for everyone.

## BDNF: a growth signal for neurons

BDNF stands for brain-derived neurotrophic factor. It is a protein that helps neurons survive, grow
and build connections. People sometimes compare it to fertilizer for brain cells.

A 2011 study in mice looked at how ketamine might raise BDNF quickly. The researchers found that
blocking NMDA receptors while the brain is at rest turned off a brake on protein production. That
let neurons rapidly make more BDNF. Mice bred to lack BDNF in parts of the brain did not show
ketamine's quick antidepressant-like effect [2]. This suggests BDNF is needed for the effect, at
least in mice.

## mTOR: a switch for building new parts

mTOR is short for "mechanistic target of rapamycin." It is a protein inside cells that works like a
switch for building new proteins. Cells need those proteins to make new synapses.

In a 2010 rat study, ketamine quickly turned on mTOR signaling in the prefrontal cortex. Within
about a day, the rats had more synapse proteins and more working spine synapses. The researchers
then blocked mTOR with a drug called rapamycin, given directly into the brain. This stopped both the
new synapses and the antidepressant-like behavior [3]. This study made mTOR one of the best-known
parts of the ketamine story.

## Do new spines cause the benefit?

A 2019 mouse study added an important detail. The mice were given a stress hormone that caused them
to lose spines in the prefrontal cortex. Ketamine helped restore many of the lost spines. But the
timing was interesting. Some behavior changes appeared before many new spines had formed. When the
scientists used a special method to erase the newly formed spines, the first burst of improvement
remained, but the longer-lasting effect faded [4].

In other words, new spines may not start the benefit. They may help it last. That is one reason
scientists now think of ketamine's effects in stages.

## What about people?

We cannot count dendritic spines in a living person's brain, so human evidence is indirect.

One human study tested the mTOR idea directly. Twenty people with depression took either rapamycin
pills or a placebo pill about two hours before a ketamine infusion. If mTOR were essential in people
the same way as in rats, rapamycin should have blocked the benefit. It did not. One day later,
ketamine worked about as well either way. Two weeks later, people in the rapamycin group were
actually more likely to still be feeling better [5].

There are several possible reasons. The pill may not reach the brain in large enough amounts.
Rapamycin also affects the immune system, which could change mood by other routes. What this study
does show is that the simple animal picture does not carry over neatly to people.

## Putting it together

Here is a fair summary of the evidence:

- **Strong in animals:** Ketamine quickly raises BDNF activity, switches on mTOR and helps form new
  spine synapses in the prefrontal cortex of rats and mice [2, 3, 4].
- **Plausible in people:** Brain tissue and imaging studies fit the idea that depression involves
  weakened connections [1].
- **Not proven in people:** We do not know that new synapses are the reason ketamine helps a person.
  The one direct human test of the mTOR idea gave an unexpected result [5].

So "rewiring" is a reasonable shorthand for a research idea, not a promise. Ketamine does not grow a
new brain, and it does not help everyone. If you are weighing ketamine treatment, ask a psychiatrist
or other qualified clinician what the evidence means for your own situation.""",
        "references": [
            {
                "authors": "Duman RS, Aghajanian GK.",
                "title": "Synaptic dysfunction in depression: potential therapeutic targets",
                "source": "Science",
                "year": 2012,
                "doi": "10.1126/science.1222939",
                "url": "",
            },
            {
                "authors": "Autry AE, Adachi M, Nosyreva E, et al.",
                "title": (
                    "NMDA receptor blockade at rest triggers rapid behavioural antidepressant "
                    "responses"
                ),
                "source": "Nature",
                "year": 2011,
                "doi": "10.1038/nature10130",
                "url": "",
            },
            {
                "authors": "Li N, Lee B, Liu RJ, et al.",
                "title": (
                    "mTOR-dependent synapse formation underlies the rapid antidepressant "
                    "effects of NMDA antagonists"
                ),
                "source": "Science",
                "year": 2010,
                "doi": "10.1126/science.1190287",
                "url": "",
            },
            {
                "authors": "Moda-Sava RN, Murdock MH, Parekh PK, et al.",
                "title": (
                    "Sustained rescue of prefrontal circuit dysfunction by "
                    "antidepressant-induced spine formation"
                ),
                "source": "Science",
                "year": 2019,
                "doi": "10.1126/science.aat8078",
                "url": "",
            },
            {
                "authors": "Abdallah CG, Averill LA, Gueorguieva R, et al.",
                "title": (
                    "Modulation of the antidepressant effects of ketamine by the mTORC1 "
                    "inhibitor rapamycin"
                ),
                "source": "Neuropsychopharmacology",
                "year": 2020,
                "doi": "10.1038/s41386-020-0644-9",
                "url": "",
            },
        ],
    },
    {
        "slug": "why-relief-can-come-in-hours",
        "title": "Why ketamine's effects can start in hours, not weeks",
        "summary": (
            "Standard antidepressants often take weeks to work. In trials, ketamine helped some "
            "people within a day, but the effect of one dose often fades. Here is what the "
            "research shows."
        ),
        "topics": ["research-evidence", "how-ketamine-works"],
        "conditions": ["depression", "treatment-resistant-depression", "suicidal-ideation"],
        "authors": ["jordan-exampleton"],
        "reviewer": "riley-demoreview",
        "body": """Most people who start an antidepressant pill are told to be patient. It can take
weeks to know if it is working. One reason ketamine draws so much attention is that, for some
people, mood improves within hours or a day. This article compares the two, explains what the
research shows, and covers why the benefit from one dose often fades.

If you are in crisis or thinking about suicide, call or text **988** (the Suicide and Crisis
Lifeline) right now, or go to the nearest emergency room.

## How standard antidepressants are paced

The most common antidepressants are SSRIs, which stands for selective serotonin reuptake inhibitors.
Examples include sertraline and citalopram. They raise the level of a messenger chemical called
serotonin between brain cells. That chemical change happens fast, but mood often takes much longer
to shift.

A large U.S. study called STAR*D shows the usual pace. Nearly 2,900 adults with depression took the
SSRI citalopram for up to 14 weeks, with doses adjusted along the way. About one in three reached
remission, which means their symptoms mostly went away. A large share of the people who improved did
so only after eight weeks or more of treatment [1]. Those weeks can feel very long when you are
struggling.

## What ketamine studies found

Ketamine works on a different chemical system, based on the messenger glutamate. Other articles on
this site explain the brain science in more detail.

The first clear clinical signal came from a small 2000 study. Seven people with depression received
ketamine on one day and a salt-water placebo on another, without knowing which was which. Their
depression improved over the next three days after ketamine, but not after placebo [2].

A 2006 study tested ketamine in 18 people whose depression had not improved with other treatments.
This is often called treatment-resistant depression. Many improved within two hours of the infusion.
Most met the study's bar for a strong response the next day [3].

Those studies had a weakness. Ketamine causes noticeable effects, like feeling floaty or detached.
People could often guess that they had received the real drug, and that guess alone can change how
they feel. To address this, a 2013 trial compared ketamine with midazolam, a sedative that also
causes noticeable effects. The trial included 73 people with treatment-resistant depression. One day
after the infusion, about 64 percent of the ketamine group had a strong response, compared with
about 28 percent of the midazolam group [4].

Ketamine has also been studied for suicidal thoughts. A 2018 analysis pooled data from ten earlier
studies. It found that a single dose reduced suicidal thoughts within a day, more than the
comparison treatments did, with some benefit lasting up to a week [5]. These studies were small, and
they were not designed to show whether ketamine prevents suicide. Ketamine is not a replacement for
emergency care.

## Why the speed might differ

Scientists do not fully know why ketamine can act so fast. A leading idea is that it triggers a
quick burst of glutamate activity. That burst seems to set off growth signals that strengthen
connections between brain cells, within hours in animal studies. This picture comes mostly from
animal research and is still being tested in people.

## Why relief often fades, and why a series is used

The fast effect has a catch. After a single infusion, the benefit often fades within days to about a
week [3]. For some people it lasts longer. For others it does not come at all.

Because of this, researchers began testing a series of infusions. In a 2013 study, 24 people with
treatment-resistant depression received six infusions over about 12 days. Most of them responded.
But after the series ended, many relapsed. Among those who had responded, half had seen their
symptoms return by about 18 days after the last infusion [6].

This is why many clinics offer an initial series, often several infusions over two to three weeks,
followed by "booster" or maintenance sessions if needed. There is no single agreed schedule, and
long-term research is still limited. A good plan usually also includes other care, such as therapy,
medication and regular check-ins with your mental health team.

## What this means for you

Here is a realistic summary:

- **Speed is possible, not guaranteed.** In trials, many people with hard-to-treat depression
  improved within a day. Many others did not.
- **The effect of one dose is often short.** Lasting benefit usually needs a plan, not a single
  treatment.
- **It is a tool, not a cure.** Ketamine may give some people a window of relief in which other
  treatments and supports can work.

If standard antidepressants have not helped you, ask your psychiatrist or other clinician whether
ketamine or another option makes sense. Do not stop any current medicine without talking to them
first.

If you are thinking about suicide or feel unsafe, call or text **988** any time, day or night. If
you are in immediate danger, call 911.""",
        "references": [
            {
                "authors": "Trivedi MH, Rush AJ, Wisniewski SR, et al.",
                "title": (
                    "Evaluation of outcomes with citalopram for depression using "
                    "measurement-based care in STAR*D: implications for clinical practice"
                ),
                "source": "American Journal of Psychiatry",
                "year": 2006,
                "doi": "10.1176/appi.ajp.163.1.28",
                "url": "",
            },
            {
                "authors": "Berman RM, Cappiello A, Anand A, et al.",
                "title": "Antidepressant effects of ketamine in depressed patients",
                "source": "Biological Psychiatry",
                "year": 2000,
                "doi": "10.1016/S0006-3223(99)00230-9",
                "url": "",
            },
            {
                "authors": "Zarate CA Jr, Singh JB, Carlson PJ, et al.",
                "title": (
                    "A randomized trial of an N-methyl-D-aspartate antagonist in "
                    "treatment-resistant major depression"
                ),
                "source": "Archives of General Psychiatry",
                "year": 2006,
                "doi": "10.1001/archpsyc.63.8.856",
                "url": "",
            },
            {
                "authors": "Murrough JW, Iosifescu DV, Chang LC, et al.",
                "title": (
                    "Antidepressant efficacy of ketamine in treatment-resistant major "
                    "depression: a two-site randomized controlled trial"
                ),
                "source": "American Journal of Psychiatry",
                "year": 2013,
                "doi": "10.1176/appi.ajp.2013.13030392",
                "url": "",
            },
            {
                "authors": "Wilkinson ST, Ballard ED, Bloch MH, et al.",
                "title": (
                    "The effect of a single dose of intravenous ketamine on suicidal ideation: "
                    "a systematic review and individual participant data meta-analysis"
                ),
                "source": "American Journal of Psychiatry",
                "year": 2018,
                "doi": "10.1176/appi.ajp.2017.17040472",
                "url": "",
            },
            {
                "authors": "Murrough JW, Perez AM, Pillemer S, et al.",
                "title": (
                    "Rapid and longer-term antidepressant effects of repeated ketamine "
                    "infusions in treatment-resistant major depression"
                ),
                "source": "Biological Psychiatry",
                "year": 2013,
                "doi": "10.1016/j.biopsych.2012.06.022",
                "url": "",
            },
        ],
    },
    {
        "slug": "ketamine-amygdala-anxiety-ptsd",
        "title": "Ketamine, the amygdala, anxiety and PTSD: what we know so far",
        "summary": (
            "How the brain's fear circuits work, what small trials of ketamine for PTSD and "
            "anxiety found, and why the evidence is still early."
        ),
        "topics": ["research-evidence"],
        "conditions": ["anxiety", "ptsd"],
        "authors": ["avery-samplewright"],
        "reviewer": "casey-placeholder",
        "body": """Ketamine is best known for depression, but researchers are also studying it for
post-traumatic stress disorder (PTSD) and anxiety disorders. The results so far are interesting but
early. This article explains the brain's fear circuits, what the studies found, and the real limits
of the evidence.

## The brain's alarm system

Your brain has a built-in alarm system that keeps you safe. Three areas are key.

- **The amygdala** is a pair of almond-shaped clusters deep in the brain. It reacts quickly to
  possible danger and helps trigger the "fight or flight" response: a racing heart, fast breathing
  and tense muscles.
- **The prefrontal cortex** sits behind the forehead. It helps judge whether a threat is real and
  can calm the alarm when things are safe.
- **The hippocampus** helps store memories and their context, such as where and when something
  happened.

These areas work as a team. When the team works well, you react to real danger and then settle down
when it passes.

## Fear learning and "unlearning"

The brain learns fear quickly. If something bad happens in a certain place, that place can start to
trigger fear. Over time, with safe experiences, the brain can learn a new message: "this is safe
now." Scientists call this fear extinction. It does not erase the old memory. Instead, the brain
builds a new safety memory that competes with the fear memory.

## What seems different in PTSD

PTSD can develop after a frightening or life-threatening event. Symptoms include unwanted memories
or nightmares, avoiding reminders, feeling on edge and changes in mood and thinking.

Brain imaging research has led to a widely used model of PTSD. In this model, the amygdala tends to
be overactive, while parts of the prefrontal cortex and hippocampus that help calm fear tend to be
underactive [1]. In a 2009 lab study, people with PTSD could learn that a cue was safe, but had
trouble recalling that safety lesson the next day. Their brain scans showed differences in the
hippocampus and prefrontal cortex during that recall [2]. This fits the idea that PTSD partly
involves trouble holding on to "safe now" learning.

## Why ketamine might help: an idea being tested

Other articles on this site describe how ketamine may boost connections between brain cells in the
prefrontal cortex, mostly based on animal research. One hope is that this could help the prefrontal
cortex do a better job of calming the alarm system, or make it easier to update fear memories. This
is a hypothesis. It has not been proven in people.

## What the PTSD trials found

A 2014 study included 41 adults with long-lasting PTSD. Each person received one infusion of
ketamine and, on another occasion, one infusion of midazolam, a sedative used as a comparison.
Twenty-four hours after ketamine, PTSD symptoms were lower than after midazolam. Depression symptoms
also improved [3].

A 2021 study tested repeated treatment. Thirty adults with chronic PTSD received six infusions over
two weeks of either ketamine or midazolam. The ketamine group had a larger drop in PTSD symptoms.
About two in three people in the ketamine group met the study's bar for a meaningful response,
compared with about one in five in the midazolam group [4].

## What about anxiety disorders?

Research on anxiety is even more limited.

A 2018 study from New Zealand followed 20 adults with generalized anxiety disorder, social anxiety
disorder or both. Their anxiety had not improved with other treatments. They received ketamine
injections under the skin once or twice a week for about three months. Anxiety ratings dropped by
roughly half after doses, and most said their work or social life improved [5]. But there was no
comparison group, and everyone knew they were getting ketamine. That makes it hard to know how much
of the change came from the drug itself.

A 2018 U.S. study tested one ketamine infusion against a salt-water placebo in 18 adults with social
anxiety disorder. On a clinician's rating of social anxiety, ketamine did better than placebo. On
the participants' own rating of how anxious they felt, the difference was not clear [6]. Mixed
results like this are common in early research.

## Honest limits

Before drawing conclusions, keep these points in mind:

- **The studies are small.** Dozens of people, not thousands. Results from small studies often
  shrink or change in larger trials.
- **Follow-up is short.** Most studies tracked people for weeks, not years.
- **Blinding is hard.** Ketamine's noticeable effects make it hard to hide who got the real drug.
- **No FDA approval.** Ketamine and esketamine are not approved by the U.S. Food and Drug
  Administration to treat PTSD or anxiety disorders. Any such use is "off-label."
- **Dissociation can be uncomfortable.** The floaty, detached feeling during treatment can be
  upsetting for some people with trauma histories. Good clinics prepare you and stay with you.

Trauma-focused talk therapies and certain medicines have the strongest evidence for PTSD. For
anxiety disorders, therapy and standard medicines remain the first choices. Ketamine might one day
play a role for people who have not been helped by these options, but the research is not there yet.

If you live with PTSD or anxiety, talk with a psychiatrist or other qualified clinician about your
options. If you are in crisis, call or text 988.""",
        "references": [
            {
                "authors": "Rauch SL, Shin LM, Phelps EA.",
                "title": (
                    "Neurocircuitry models of posttraumatic stress disorder and extinction: "
                    "human neuroimaging research—past, present, and future"
                ),
                "source": "Biological Psychiatry",
                "year": 2006,
                "doi": "",
                "url": "",
            },
            {
                "authors": "Milad MR, Pitman RK, Ellis CB, et al.",
                "title": (
                    "Neurobiological basis of failure to recall extinction memory in "
                    "posttraumatic stress disorder"
                ),
                "source": "Biological Psychiatry",
                "year": 2009,
                "doi": "",
                "url": "",
            },
            {
                "authors": "Feder A, Parides MK, Murrough JW, et al.",
                "title": (
                    "Efficacy of intravenous ketamine for treatment of chronic posttraumatic "
                    "stress disorder: a randomized clinical trial"
                ),
                "source": "JAMA Psychiatry",
                "year": 2014,
                "doi": "10.1001/jamapsychiatry.2014.62",
                "url": "",
            },
            {
                "authors": "Feder A, Costi S, Rutter SB, et al.",
                "title": (
                    "A randomized controlled trial of repeated ketamine administration for "
                    "chronic posttraumatic stress disorder"
                ),
                "source": "American Journal of Psychiatry",
                "year": 2021,
                "doi": "10.1176/appi.ajp.2020.20050596",
                "url": "",
            },
            {
                "authors": "Glue P, Neehoff SM, Medlicott NJ, et al.",
                "title": (
                    "Safety and efficacy of maintenance ketamine treatment in patients with "
                    "treatment-refractory generalised anxiety and social anxiety disorders"
                ),
                "source": "Journal of Psychopharmacology",
                "year": 2018,
                "doi": "10.1177/0269881118762073",
                "url": "",
            },
            {
                "authors": "Taylor JH, Landeros-Weisenberger A, Coughlin C, et al.",
                "title": (
                    "Ketamine for social anxiety disorder: a randomized, placebo-controlled "
                    "crossover trial"
                ),
                "source": "Neuropsychopharmacology",
                "year": 2018,
                "doi": "10.1038/npp.2017.194",
                "url": "",
            },
        ],
    },
    {
        "slug": "iv-ketamine-vs-esketamine-spravato",
        "title": "IV ketamine vs. esketamine (Spravato): what's the difference?",
        "summary": (
            "IV ketamine and the esketamine nasal spray Spravato are related but differ in FDA "
            "approval, how they are given, safety rules and insurance coverage. Here is a "
            "side-by-side guide."
        ),
        "topics": ["treatment-options", "costs-and-access"],
        "conditions": ["depression", "treatment-resistant-depression", "suicidal-ideation"],
        "authors": ["jordan-exampleton"],
        "reviewer": "riley-demoreview",
        "body": """If you search for ketamine treatment, you will see two main options. One is
ketamine given through an IV, a thin tube placed in a vein. The other is esketamine, a nasal spray
sold under the brand name Spravato. They are related, but they differ in chemistry, approval status,
how they are given and how insurance treats them. This article walks through those differences.

If you are in crisis or thinking about suicide, call or text **988** now, or go to the nearest
emergency room.

## Same family, different forms

The ketamine molecule comes in two mirror-image forms, like a left and a right hand. Scientists call
them S-ketamine and R-ketamine. Standard ketamine is a 50-50 mix of the two. Esketamine is the S
form on its own. It blocks NMDA receptors, a key target in the brain, more strongly than the R form.

## Esketamine (Spravato): FDA-approved for depression

The U.S. Food and Drug Administration (FDA) approved Spravato in 2019 for adults with
treatment-resistant depression, meaning depression that has not improved enough with other
antidepressants. At first it was approved for use together with an antidepressant taken by mouth. In
2020, the FDA added a second use: treating depressive symptoms in adults with major depression who
have acute suicidal thoughts or behavior, again together with an oral antidepressant [1]. The label
has been updated since then, including a 2025 change that allows Spravato to be used on its own for
treatment-resistant depression [1]. Your prescriber can explain the current label.

The label also notes an important limit. Spravato has not been shown to prevent suicide or to reduce
suicidal thoughts or behavior. People at high risk may still need hospital care [1].

### The key studies

- **TRANSFORM-2 (2019):** Adults with treatment-resistant depression started a new oral
  antidepressant plus either esketamine or a placebo spray. After four weeks, depression scores
  improved more in the esketamine group [3].
- **SUSTAIN-1 (2019):** This study enrolled people who had already improved on esketamine plus an
  antidepressant. Those who kept using esketamine were less likely to relapse than those switched to
  a placebo spray [4].
- **ASPIRE I (2020):** Adults with major depression and active suicidal thoughts with intent were
  treated in the hospital with standard care plus esketamine or placebo. Depression scores improved
  more with esketamine within 24 hours. A rating of suicidal thinking improved in both groups,
  without a clear difference between them [5].

## The REMS program: why Spravato is given in a clinic

Spravato can cause sedation (heavy sleepiness), dissociation (feeling detached or unreal) and, less
often, slowed breathing. It can also be misused. Blood pressure can rise after a dose, too, so it is
checked during the visit. Because of these risks, the FDA requires a safety program called a REMS,
short for Risk Evaluation and Mitigation Strategy [1, 2]. As of this writing, the program means
that:

- Spravato is available only at healthcare settings certified in the program.
- You use the spray yourself, while a healthcare provider watches.
- You stay and are monitored for **at least 2 hours**, until the provider decides you are ready to
  leave.
- You cannot take Spravato home.
- You should not drive or operate machinery until the next day, after a restful night's sleep.

Rules can change over time, so ask your clinic how it follows the current requirements.

## IV ketamine: widely used, but off-label for depression

Generic ketamine is FDA-approved as an anesthetic, not as a depression treatment. When a doctor uses
it for depression, that is called "off-label" use. Off-label prescribing is legal and common in
medicine. It means the FDA has not reviewed that particular use, and there is no official label
telling clinics exactly how to give it for depression.

IV ketamine for depression has been tested in many clinical trials. But because there is no FDA
label for this use, the dose, schedule, monitoring and staff training can vary from clinic to
clinic. Expert groups have published guidance to help clinicians use both ketamine and esketamine
safely [6]. It is fair to ask a clinic which guidance it follows.

## Which one works better?

Nobody can say for sure. The two have rarely been compared directly in the same study, and the
people enrolled in different trials were not the same. Some people do well on one and not the other.
The right choice depends on your history, your other medicines, your health, what you can get to and
what you can afford. A psychiatrist can help you weigh these factors.

## Insurance and cost differences

- **Spravato:** Because it is FDA-approved for depression, many insurance plans cover it. Plans
  usually require prior authorization, meaning the insurer must approve it in advance. They often
  want proof that you tried other antidepressants first. You may still owe copays for the drug and
  the monitoring visit.
- **IV ketamine:** Because it is off-label for depression, insurance usually does not pay for the
  infusion itself. Many people pay out of pocket. Some plans may cover parts of care, such as a
  psychiatric evaluation.

Call your insurer and the clinic before you start. Ask for costs in writing. Another article on this
site covers what a course of treatment looks like and what it may cost.

## Quick comparison

- **What it is:** IV ketamine is a 50-50 mix of both forms. Spravato is the S form only.
- **How it is given:** IV ketamine is an infusion into a vein. Spravato is a nasal spray you use
  under supervision.
- **FDA status for depression:** IV ketamine is off-label. Spravato is approved for specific uses.
- **Where:** IV ketamine is given at an infusion clinic or hospital. Spravato is given only at
  REMS-certified settings.

Whichever option you explore, do it with a qualified clinician, and never stop your current
treatment without talking to them. If you are in crisis, call or text 988 any time.""",
        "references": [
            {
                "authors": "Janssen Pharmaceuticals, Inc.",
                "title": "SPRAVATO (esketamine) nasal spray, CIII: full prescribing information",
                "source": "U.S. Food and Drug Administration (approved drug label)",
                "year": 2025,
                "doi": "",
                "url": "",
            },
            {
                "authors": "U.S. Food and Drug Administration; Janssen Pharmaceuticals, Inc.",
                "title": (
                    "SPRAVATO REMS (Risk Evaluation and Mitigation Strategy): program "
                    "information for patients and healthcare settings"
                ),
                "source": "SPRAVATO REMS program",
                "year": 2019,
                "doi": "",
                "url": "https://www.spravatorems.com",
            },
            {
                "authors": "Popova V, Daly EJ, Trivedi M, et al.",
                "title": (
                    "Efficacy and safety of flexibly dosed esketamine nasal spray combined with "
                    "a newly initiated oral antidepressant in treatment-resistant depression: a "
                    "randomized double-blind active-controlled study"
                ),
                "source": "American Journal of Psychiatry",
                "year": 2019,
                "doi": "10.1176/appi.ajp.2019.19020172",
                "url": "",
            },
            {
                "authors": "Daly EJ, Trivedi MH, Janik A, et al.",
                "title": (
                    "Efficacy of esketamine nasal spray plus oral antidepressant treatment for "
                    "relapse prevention in patients with treatment-resistant depression: a "
                    "randomized clinical trial"
                ),
                "source": "JAMA Psychiatry",
                "year": 2019,
                "doi": "10.1001/jamapsychiatry.2019.1189",
                "url": "",
            },
            {
                "authors": "Fu DJ, Ionescu DF, Li X, et al.",
                "title": (
                    "Esketamine nasal spray for rapid reduction of major depressive disorder "
                    "symptoms in patients who have active suicidal ideation with intent: "
                    "double-blind, randomized study (ASPIRE I)"
                ),
                "source": "Journal of Clinical Psychiatry",
                "year": 2020,
                "doi": "",
                "url": "",
            },
            {
                "authors": "McIntyre RS, Rosenblat JD, Nemeroff CB, et al.",
                "title": (
                    "Synthesizing the evidence for ketamine and esketamine in "
                    "treatment-resistant depression: an international expert opinion on the "
                    "available evidence and implementation"
                ),
                "source": "American Journal of Psychiatry",
                "year": 2021,
                "doi": "10.1176/appi.ajp.2020.20081251",
                "url": "",
            },
        ],
    },
    {
        "slug": "ketamine-side-effects-risks-screening",
        "title": "Side effects, risks and who should not have ketamine",
        "summary": (
            "Common short-term effects, rarer serious risks, who may not be a good candidate, "
            "and the safety checks a careful clinic should use."
        ),
        "topics": ["safety-and-side-effects"],
        "conditions": ["depression", "treatment-resistant-depression", "anxiety", "ptsd"],
        "authors": ["avery-samplewright", "jordan-exampleton"],
        "reviewer": "casey-placeholder",
        "body": """Every medical treatment has trade-offs, and ketamine is no exception. Most side
effects during treatment are short-lived, but some risks are serious, and ketamine is not safe for
everyone. This article covers common side effects, rarer risks, who may not be a good candidate and
how good clinics keep people safe.

If you are in crisis or thinking about suicide, call or text **988** (the Suicide and Crisis
Lifeline) at any time.

## Common short-term side effects

A 2018 review gathered results from 60 studies of ketamine for depression. Right after a dose,
people given ketamine reported more side effects than people given placebo. The most common included
headache, dizziness, dissociation, raised blood pressure and blurred vision. In most studies, these
effects were short-lived. The review also found that long-term safety, especially with repeated
doses, had not been well studied [1].

Here are the effects people most often notice.

### Dissociation

Dissociation means feeling detached from your body, your surroundings or time. Colors and sounds may
seem different. Some people describe a dreamy or floating feeling. In a classic 1994 study of
healthy volunteers, low doses of ketamine caused these kinds of changes, along with some brief
psychosis-like symptoms, such as unusual thoughts. The effects faded after the infusion stopped [2].
Some people find dissociation pleasant. Others find it scary. Knowing what to expect, and having
calm staff nearby, can help.

### Rise in blood pressure and heart rate

Ketamine often raises blood pressure and heart rate for a short time. For esketamine (Spravato), the
label says blood pressure tends to peak about 40 minutes after a dose and usually returns toward
normal within a few hours [3]. For most healthy people this is brief. For people with certain heart
or blood vessel problems, it can be dangerous.

### Nausea and other effects

Nausea and sometimes vomiting can happen. For esketamine, the label advises not eating for at least
2 hours before a dose and not drinking for 30 minutes before [3]. Many IV clinics give similar
advice. Drowsiness, feeling "foggy," headache and dizziness are also common. These usually pass the
same day.

## Less common but serious risks

### Bladder problems with heavy, repeated use

In 2007, doctors in Canada described nine people who used ketamine recreationally every day. They
all developed severe bladder inflammation, with pain, frequent and urgent urination and blood in the
urine. Stopping ketamine, along with bladder treatment, seemed to ease symptoms [4]. These were
heavy, frequent, unsupervised doses, far beyond a typical treatment plan. We do not know the exact
risk at treatment doses. Still, tell your clinic right away about any new bladder pain, burning,
urgency or blood in your urine.

### Misuse and addiction

Ketamine is a controlled substance because it can be misused. People can develop cravings or need
more to get the same effect. The Spravato label carries a boxed warning about abuse and misuse, and
it tells prescribers to check each patient's risk [3]. Treatment in a supervised clinic is very
different from recreational use, but the risk is real and worth discussing openly.

### Mood and thinking

Antidepressant treatments, including Spravato, carry a warning about suicidal thoughts in children
and young adults [3]. Anyone being treated for depression should be watched for worsening mood. Tell
your clinician if you feel worse, very agitated or have new thoughts of suicide.

## Who may not be a good candidate

Clinics screen people before treatment. Expert guidance from the American Psychiatric Association's
research council lists several conditions that call for extra caution, or that may rule out ketamine
[5]. The Spravato label adds its own list [3]. Common screening concerns include:

- **Uncontrolled high blood pressure** or serious heart disease.
- **Blood vessel problems in the brain or body,** such as an aneurysm (a bulging artery), or a past
  bleed in the brain. These are reasons not to use Spravato [3].
- **A history of psychosis,** such as schizophrenia, because ketamine can cause psychosis-like
  effects [2, 5].
- **Active substance use disorder,** especially involving ketamine or other drugs with misuse
  potential [5].
- **Pregnancy.** Esketamine is not recommended during pregnancy, based on animal studies that
  suggest possible harm to a developing baby [3]. Tell your clinic if you are pregnant, could be
  pregnant or are breastfeeding.

This is not a complete list. Be honest about your full medical history, all your medicines and
supplements, and any alcohol or drug use. Screening is there to protect you.

## How good clinics keep you safe

Safety steps vary, but expert guidance describes common practices [5]. You can expect a careful
clinic to:

- Do a full medical and psychiatric evaluation before your first treatment.
- Check your blood pressure and heart rate before, during and after each session.
- Monitor your oxygen level and breathing.
- Have trained staff present the whole time, with emergency equipment on hand.
- Keep you until you are clearly alert and stable. For Spravato, this means at least 2 hours of
  monitoring [3].
- Require someone else to drive you home.
- Track your mood and side effects over time, and stop treatment if it is not helping.

## Questions to ask a clinic

- Who reviews my medical history, and who is present during treatment?
- How do you handle a big rise in blood pressure or a bad reaction?
- How do you decide when to stop or space out treatments?
- Will you work with my psychiatrist, therapist or primary care doctor?

Talk openly with a qualified clinician about whether ketamine's benefits are likely to outweigh its
risks for you. If you ever feel unsafe, call or text 988, or call 911 in an emergency.""",
        "references": [
            {
                "authors": "Short B, Fong J, Galvez V, Shelker W, Loo CK.",
                "title": (
                    "Side-effects associated with ketamine use in depression: a systematic review"
                ),
                "source": "Lancet Psychiatry",
                "year": 2018,
                "doi": "10.1016/S2215-0366(17)30272-9",
                "url": "",
            },
            {
                "authors": "Krystal JH, Karper LP, Seibyl JP, et al.",
                "title": (
                    "Subanesthetic effects of the noncompetitive NMDA antagonist, ketamine, in "
                    "humans: psychotomimetic, perceptual, cognitive, and neuroendocrine "
                    "responses"
                ),
                "source": "Archives of General Psychiatry",
                "year": 1994,
                "doi": "",
                "url": "",
            },
            {
                "authors": "Janssen Pharmaceuticals, Inc.",
                "title": "SPRAVATO (esketamine) nasal spray, CIII: full prescribing information",
                "source": "U.S. Food and Drug Administration (approved drug label)",
                "year": 2025,
                "doi": "",
                "url": "",
            },
            {
                "authors": "Shahani R, Streutker C, Dickson B, Stewart RJ.",
                "title": "Ketamine-associated ulcerative cystitis: a new clinical entity",
                "source": "Urology",
                "year": 2007,
                "doi": "",
                "url": "",
            },
            {
                "authors": "Sanacora G, Frye MA, McDonald W, et al.",
                "title": (
                    "A consensus statement on the use of ketamine in the treatment of mood "
                    "disorders"
                ),
                "source": "JAMA Psychiatry",
                "year": 2017,
                "doi": "10.1001/jamapsychiatry.2017.0080",
                "url": "",
            },
        ],
    },
    {
        "slug": "ketamine-treatment-course-and-cost",
        "title": "What a course of ketamine treatment looks like, and what it may cost",
        "summary": (
            "From the screening visit to a first series and possible maintenance: what a "
            "session is like, how to get home safely, and the general costs to ask clinics "
            "about."
        ),
        "topics": ["what-to-expect", "costs-and-access"],
        "conditions": ["depression", "treatment-resistant-depression"],
        "authors": ["jordan-exampleton"],
        "reviewer": "riley-demoreview",
        "body": """Starting ketamine treatment can feel like a big step. Knowing what to expect can
make it less stressful. This article walks through a typical course of treatment, from the first
visit to maintenance, and gives a general picture of costs. Every clinic is different, and no
treatment works for everyone, so use this as a starting point for your own questions.

If you are in crisis or thinking about suicide, call or text **988** now, or go to the nearest
emergency room. Ketamine clinics are not emergency services.

## Step 1: Referral and screening

Many clinics ask for a referral or records from your psychiatrist, therapist or primary care doctor.
Some accept self-referrals. Either way, expect a screening visit first.

At this visit, a clinician will usually:

- Review your mental health history and past treatments.
- Ask about your physical health, including heart problems, blood pressure and any history of
  psychosis.
- Review all your medicines, supplements, alcohol and drug use.
- Check your blood pressure and heart rate, and sometimes order tests.
- Talk through the possible benefits, risks and costs, and your goals.

Expert guidance recommends this kind of careful evaluation before anyone starts treatment [1]. It is
also your chance to ask questions. A good clinic will tell you if ketamine is not a good fit and
suggest other options.

## Step 2: The first series

With IV ketamine, many clinics start with a series of about six infusions over two to three weeks.
This pattern comes from research. In a 2013 study, people with treatment-resistant depression
received six infusions over about 12 days [3]. In a larger 2023 trial, 403 people with
treatment-resistant depression who did not have psychosis received either ketamine twice a week for
three weeks or electroconvulsive therapy (ECT), an established treatment for severe depression.
Ketamine worked at least as well as ECT in that trial. More than half of the ketamine group had a
meaningful response, compared with about four in ten in the ECT group [2].

Not everyone responds. Clinics often check your symptoms with short questionnaires along the way. If
there is no clear benefit after the first series, it is reasonable to stop and talk about other
options.

Spravato (esketamine nasal spray) has its own schedule in its FDA label. It usually starts with two
sessions a week for the first four weeks, then once a week for the next four weeks. After that,
sessions are weekly or every other week, based on how you are doing [4].

## Step 3: Maintenance, if needed

The benefit from a first series often fades over weeks. Among people who responded in the 2013
study, half had their symptoms return within about 18 days after their last infusion [3]. Because of
this, some people have "booster" sessions. For IV ketamine there is no standard maintenance
schedule, and long-term research is limited [1]. Your clinician should explain how they decide on
timing and when to stop.

## What a session is like

Details vary, but a typical IV session looks like this:

1. **Check-in.** Staff check your blood pressure and heart rate and ask how you have been feeling.
   Many clinics ask you not to eat for a few hours beforehand, to lower the chance of nausea.
2. **Getting comfortable.** You sit or recline in a quiet room. A nurse places a small IV line in
   your arm.
3. **The infusion.** In most studies, ketamine was dripped in slowly over about 40 minutes. Staff
   check your blood pressure, heart rate and oxygen level during this time.
4. **Recovery.** You rest until the effects wear off and staff confirm that you are alert and
   steady.

During the infusion, many people feel floaty, detached or dreamlike. Sights, sounds and time may
seem different. Some people find this relaxing and some find it strange or uneasy. These effects
usually fade soon after the infusion ends [5]. Headache, dizziness and nausea can also happen. Tell
staff if you feel unwell. They can slow or stop the infusion.

With Spravato, you use the nasal spray yourself while a healthcare provider watches. You must then
be monitored for at least 2 hours before you can leave [4, 6].

## Getting home safely

Plan your ride before your first session. You will not be able to drive yourself home. For Spravato,
you should not drive or operate machinery until the next day, after a restful night's sleep [4, 6].
Most IV clinics ask for the same. Plan to take the rest of the day easy, and follow your clinic's
advice about alcohol and other medicines.

## What it may cost

Prices vary widely, and we cannot quote exact figures. In general terms:

- **IV ketamine** for depression is off-label, so insurance usually does not pay for the infusions.
  Many people pay out of pocket. Infusions often cost several hundred dollars each, so a first
  series can add up to a few thousand dollars. Maintenance sessions add more over time.
- **Spravato** is FDA-approved, so many insurance plans cover it, usually after prior authorization
  (approval in advance). Your share depends on your plan. There may be separate charges for the drug
  and for the monitoring visit.
- **Other costs** can include the screening visit, lab tests, follow-up visits and time off work for
  you and your driver.

Always ask each clinic for a written price list before you start. Useful questions include:

- What does the screening visit cost, and is it part of the package?
- What is the price per session, and is there a package price for a series?
- What is included: medicine, monitoring, follow-up calls?
- Do you bill insurance or give a receipt (a "superbill") that I can submit myself?
- What is your refund policy if I stop early?

## Setting realistic expectations

Ketamine can help some people with hard-to-treat depression, sometimes quickly. It does not help
everyone, and the benefit may not last without ongoing care. No one can promise a result. The best
results usually come when ketamine is part of a wider plan that includes therapy, medication and
regular check-ins with your care team.

If you are considering treatment, bring this article to your psychiatrist or other clinician and
talk it through together. If you ever feel unsafe, call or text 988.""",
        "references": [
            {
                "authors": "Sanacora G, Frye MA, McDonald W, et al.",
                "title": (
                    "A consensus statement on the use of ketamine in the treatment of mood "
                    "disorders"
                ),
                "source": "JAMA Psychiatry",
                "year": 2017,
                "doi": "10.1001/jamapsychiatry.2017.0080",
                "url": "",
            },
            {
                "authors": "Anand A, Mathew SJ, Sanacora G, et al.",
                "title": (
                    "Ketamine versus ECT for nonpsychotic treatment-resistant major depression"
                ),
                "source": "New England Journal of Medicine",
                "year": 2023,
                "doi": "10.1056/NEJMoa2302399",
                "url": "",
            },
            {
                "authors": "Murrough JW, Perez AM, Pillemer S, et al.",
                "title": (
                    "Rapid and longer-term antidepressant effects of repeated ketamine "
                    "infusions in treatment-resistant major depression"
                ),
                "source": "Biological Psychiatry",
                "year": 2013,
                "doi": "10.1016/j.biopsych.2012.06.022",
                "url": "",
            },
            {
                "authors": "Janssen Pharmaceuticals, Inc.",
                "title": "SPRAVATO (esketamine) nasal spray, CIII: full prescribing information",
                "source": "U.S. Food and Drug Administration (approved drug label)",
                "year": 2025,
                "doi": "",
                "url": "",
            },
            {
                "authors": "Short B, Fong J, Galvez V, Shelker W, Loo CK.",
                "title": (
                    "Side-effects associated with ketamine use in depression: a systematic review"
                ),
                "source": "Lancet Psychiatry",
                "year": 2018,
                "doi": "10.1016/S2215-0366(17)30272-9",
                "url": "",
            },
            {
                "authors": "U.S. Food and Drug Administration; Janssen Pharmaceuticals, Inc.",
                "title": (
                    "SPRAVATO REMS (Risk Evaluation and Mitigation Strategy): program "
                    "information for patients and healthcare settings"
                ),
                "source": "SPRAVATO REMS program",
                "year": 2019,
                "doi": "",
                "url": "https://www.spravatorems.com",
            },
        ],
    },
]
