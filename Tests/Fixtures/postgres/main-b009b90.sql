-- An index written by mailaudit at b009b90 (the release before the pg3-analysis
-- migration): 'mailaudit scan Samples/Sent.mbox' into a fresh database, then
-- pg_dump --no-owner --no-privileges. Loaded by PostgresMigrationTests.
--
--
-- PostgreSQL database dump
--

\restrict ueFj1p4Dyt7vE1Ou0YdTlmTmQcCWAwsEZw6g3uyldVo0q50byJzfOgazIG2wdPw

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: address; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.address (
    id bigint NOT NULL,
    address text NOT NULL,
    party text NOT NULL,
    personal boolean NOT NULL
);


--
-- Name: address_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.address_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: address_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.address_id_seq OWNED BY public.address.id;


--
-- Name: analysisstate; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.analysisstate (
    id integer NOT NULL,
    internaldomains text NOT NULL,
    inferred boolean NOT NULL,
    sendercounts text NOT NULL,
    suffixlistsource text NOT NULL,
    analyzedat text NOT NULL,
    runid bigint,
    inputsdigest text DEFAULT ''::text NOT NULL,
    messagehighwater bigint DEFAULT 0 NOT NULL,
    CONSTRAINT analysisstate_id_check CHECK ((id = 1))
);


--
-- Name: exposure; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.exposure (
    messagerowid bigint NOT NULL,
    recipientindex integer NOT NULL,
    addressid bigint NOT NULL,
    exposedto integer NOT NULL,
    CONSTRAINT exposure_exposedto_check CHECK ((exposedto >= 0))
);


--
-- Name: finding; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.finding (
    messagerowid bigint NOT NULL,
    severity text NOT NULL,
    reply boolean NOT NULL,
    visiblerecipients integer NOT NULL,
    externalrecipients integer NOT NULL,
    parties integer NOT NULL,
    personalcount integer NOT NULL,
    incidentid text NOT NULL,
    CONSTRAINT finding_externalrecipients_check CHECK ((externalrecipients >= 0)),
    CONSTRAINT finding_parties_check CHECK ((parties >= 0)),
    CONSTRAINT finding_personalcount_check CHECK ((personalcount >= 0)),
    CONSTRAINT finding_severity_check CHECK ((severity = ANY (ARRAY['low'::text, 'medium'::text, 'high'::text, 'critical'::text]))),
    CONSTRAINT finding_visiblerecipients_check CHECK ((visiblerecipients >= 0))
);


--
-- Name: findingfirstseen; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.findingfirstseen (
    messagekey text NOT NULL,
    runid bigint NOT NULL
);


--
-- Name: findinglink; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.findinglink (
    link bigint NOT NULL,
    messagerowid bigint NOT NULL
);


--
-- Name: followup; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.followup (
    incidentid text NOT NULL,
    address text NOT NULL,
    status text NOT NULL,
    note text,
    updatedat text NOT NULL,
    CONSTRAINT followup_status_check CHECK ((status = ANY (ARRAY['asked'::text, 'deleted'::text, 'no-answer'::text])))
);


--
-- Name: followuptrail; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.followuptrail (
    id bigint NOT NULL,
    incidentid text NOT NULL,
    address text NOT NULL,
    oldstatus text,
    newstatus text NOT NULL,
    note text,
    changedby text NOT NULL,
    changedat text NOT NULL,
    source text NOT NULL,
    CONSTRAINT followuptrail_newstatus_check CHECK ((newstatus = ANY (ARRAY['asked'::text, 'deleted'::text, 'no-answer'::text]))),
    CONSTRAINT followuptrail_oldstatus_check CHECK (((oldstatus IS NULL) OR (oldstatus = ANY (ARRAY['asked'::text, 'deleted'::text, 'no-answer'::text])))),
    CONSTRAINT followuptrail_source_check CHECK ((source = ANY (ARRAY['cli'::text, 'console'::text])))
);


--
-- Name: followuptrail_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.followuptrail_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: followuptrail_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.followuptrail_id_seq OWNED BY public.followuptrail.id;


--
-- Name: imapfolderstate; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.imapfolderstate (
    account text NOT NULL,
    folder text NOT NULL,
    uidvalidity bigint NOT NULL,
    highestuid bigint NOT NULL,
    lastrunid bigint NOT NULL
);


--
-- Name: incident; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.incident (
    id text NOT NULL,
    people integer NOT NULL,
    personalcount integer NOT NULL,
    parties integer NOT NULL,
    messages integer NOT NULL,
    firstsent bigint,
    lastsent bigint,
    severity text NOT NULL,
    CONSTRAINT incident_messages_check CHECK ((messages >= 1)),
    CONSTRAINT incident_parties_check CHECK ((parties >= 0)),
    CONSTRAINT incident_people_check CHECK ((people >= 0)),
    CONSTRAINT incident_personalcount_check CHECK ((personalcount >= 0)),
    CONSTRAINT incident_severity_check CHECK ((severity = ANY (ARRAY['low'::text, 'medium'::text, 'high'::text, 'critical'::text])))
);


--
-- Name: incidentfirstseen; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.incidentfirstseen (
    id text NOT NULL,
    runid bigint NOT NULL
);


--
-- Name: location; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.location (
    id bigint NOT NULL,
    messagerowid bigint NOT NULL,
    format text NOT NULL,
    mailbox text NOT NULL,
    file text NOT NULL,
    "offset" bigint NOT NULL,
    length bigint,
    firstrunid bigint NOT NULL,
    identity text NOT NULL,
    goneinrun bigint
);


--
-- Name: location_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.location_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: location_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.location_id_seq OWNED BY public.location.id;


--
-- Name: mailboxowner; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mailboxowner (
    mailbox text NOT NULL,
    owner text NOT NULL,
    firstrunid bigint
);


--
-- Name: maskingkey; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.maskingkey (
    id integer NOT NULL,
    key bytea NOT NULL,
    createdat text NOT NULL,
    CONSTRAINT maskingkey_id_check CHECK ((id = 1))
);


--
-- Name: message; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.message (
    id bigint NOT NULL,
    key text NOT NULL,
    messageid text,
    headersha256 text NOT NULL,
    dateepoch bigint,
    dateoffset integer,
    sender text,
    sendername text,
    senderdomain text,
    subject text,
    inreplyto text DEFAULT ''::text NOT NULL,
    referenceids text DEFAULT ''::text NOT NULL,
    recipients text NOT NULL,
    visiblecount integer NOT NULL,
    bcccount integer NOT NULL,
    firstrunid bigint NOT NULL,
    labels text
);


--
-- Name: message_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.message_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: message_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.message_id_seq OWNED BY public.message.id;


--
-- Name: problem; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.problem (
    id bigint NOT NULL,
    kind text NOT NULL,
    file text NOT NULL,
    "offset" bigint DEFAULT '-1'::integer NOT NULL,
    field text DEFAULT ''::text NOT NULL,
    detail text NOT NULL,
    firstrunid bigint NOT NULL
);


--
-- Name: problem_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.problem_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: problem_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.problem_id_seq OWNED BY public.problem.id;


--
-- Name: scanrun; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.scanrun (
    id bigint NOT NULL,
    startedat text NOT NULL,
    finishedat text,
    status text NOT NULL,
    paths text NOT NULL,
    messagesseen bigint DEFAULT 0 NOT NULL,
    newmessages bigint DEFAULT 0 NOT NULL,
    duplicates bigint DEFAULT 0 NOT NULL,
    alreadyindexed bigint DEFAULT 0 NOT NULL,
    bytesread bigint DEFAULT 0 NOT NULL,
    problems bigint DEFAULT 0 NOT NULL,
    CONSTRAINT scanrun_status_check CHECK ((status = ANY (ARRAY['running'::text, 'completed'::text, 'interrupted'::text, 'failed'::text])))
);


--
-- Name: scanrun_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.scanrun_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: scanrun_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.scanrun_id_seq OWNED BY public.scanrun.id;


--
-- Name: schemamigration; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.schemamigration (
    identifier text NOT NULL,
    appliedat text NOT NULL
);


--
-- Name: sourcestate; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sourcestate (
    path text NOT NULL,
    device bigint NOT NULL,
    inode bigint NOT NULL,
    size bigint NOT NULL,
    mtime double precision NOT NULL,
    fingerprint text NOT NULL,
    resumeoffset bigint NOT NULL,
    complete boolean NOT NULL,
    lastrunid bigint NOT NULL,
    CONSTRAINT sourcestate_resumeoffset_check CHECK ((resumeoffset >= 0))
);


--
-- Name: suppression; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.suppression (
    messagerowid bigint NOT NULL,
    allowedgroup text NOT NULL
);


--
-- Name: address id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.address ALTER COLUMN id SET DEFAULT nextval('public.address_id_seq'::regclass);


--
-- Name: followuptrail id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.followuptrail ALTER COLUMN id SET DEFAULT nextval('public.followuptrail_id_seq'::regclass);


--
-- Name: location id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.location ALTER COLUMN id SET DEFAULT nextval('public.location_id_seq'::regclass);


--
-- Name: message id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.message ALTER COLUMN id SET DEFAULT nextval('public.message_id_seq'::regclass);


--
-- Name: problem id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.problem ALTER COLUMN id SET DEFAULT nextval('public.problem_id_seq'::regclass);


--
-- Name: scanrun id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scanrun ALTER COLUMN id SET DEFAULT nextval('public.scanrun_id_seq'::regclass);


--
-- Data for Name: address; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.address (id, address, party, personal) FROM stdin;
1	ogawa.ryo@acme.example	acme.example	f
2	okada.ai@globex.example	globex.example	f
3	hasegawa.kenta@acme.example	acme.example	f
4	fujita.yuki@globex.example	globex.example	f
5	goto.hanako@initech.example	initech.example	f
6	kondo.taro.sample@outlook.com	kondo.taro.sample@outlook.com	t
7	tanaka.ren@umbrella.example	umbrella.example	f
8	suzuki.haruto@hooli.example	hooli.example	f
9	takahashi.sakura@wonka.example	wonka.example	f
10	watanabe.kenji@umbrella.example	umbrella.example	f
11	ito.misaki@hooli.example	hooli.example	f
12	nakamura.aoi.sample@gmail.com	nakamura.aoi.sample@gmail.com	t
13	kobayashi.sota.sample@yahoo.co.jp	kobayashi.sota.sample@yahoo.co.jp	t
14	kato.mei.sample@docomo.ne.jp	kato.mei.sample@docomo.ne.jp	t
15	yoshida.riku@acme.example	acme.example	f
16	yamada.yuna@globex.example	globex.example	f
17	sasaki.kaito@initech.example	initech.example	f
18	yamaguchi.hina@umbrella.example	umbrella.example	f
19	matsumoto.yuto@hooli.example	hooli.example	f
20	inoue.mio@acme.example	acme.example	f
21	kimura.takumi@globex.example	globex.example	f
22	hayashi.rin@initech.example	initech.example	f
23	shimizu.sho@umbrella.example	umbrella.example	f
24	yamazaki.nana@hooli.example	hooli.example	f
25	mori.kazuki@wonka.example	wonka.example	f
26	abe.emi@kitakaze-shoji.example	kitakaze-shoji.example	f
27	ikeda.shun@sakura-denki.example	sakura-denki.example	f
28	hashimoto.saki@wonka.example	wonka.example	f
29	ishikawa.ryo@kitakaze-shoji.example	kitakaze-shoji.example	f
30	ogawa.ai.sample@gmail.com	ogawa.ai.sample@gmail.com	t
31	okada.kenta.sample@yahoo.co.jp	okada.kenta.sample@yahoo.co.jp	t
32	hasegawa.yuki.sample@docomo.ne.jp	hasegawa.yuki.sample@docomo.ne.jp	t
33	fujita.hanako.sample@outlook.com	fujita.hanako.sample@outlook.com	t
34	yamazaki.kazuki.sample@gmail.com	yamazaki.kazuki.sample@gmail.com	t
35	mori.emi.sample@yahoo.co.jp	mori.emi.sample@yahoo.co.jp	t
36	abe.shun.sample@docomo.ne.jp	abe.shun.sample@docomo.ne.jp	t
37	ikeda.saki.sample@outlook.com	ikeda.saki.sample@outlook.com	t
38	hashimoto.ryo.sample@ezweb.ne.jp	hashimoto.ryo.sample@ezweb.ne.jp	t
39	goto.taro@minato-foods.example	minato-foods.example	f
40	kondo.yui@hikari-systems.example	hikari-systems.example	f
41	tanaka.haruto@aozora-trading.example	aozora-trading.example	f
42	suzuki.sakura@momiji-pharma.example	momiji-pharma.example	f
43	takahashi.kenji@tsubame-kogyo.example	tsubame-kogyo.example	f
44	watanabe.misaki@kawasemi-bank.example	kawasemi-bank.example	f
45	ito.daiki@hoshizora-ins.example	hoshizora-ins.example	f
46	yamamoto.aoi@yamabiko-tech.example	yamabiko-tech.example	f
47	nakamura.sota@shinonome-print.example	shinonome-print.example	f
48	kobayashi.mei@ginga-soft.example	ginga-soft.example	f
49	kato.riku@minato-foods.example	minato-foods.example	f
50	yoshida.yuna@hikari-systems.example	hikari-systems.example	f
51	yamada.kaito@aozora-trading.example	aozora-trading.example	f
52	sasaki.hina@momiji-pharma.example	momiji-pharma.example	f
53	yamaguchi.yuto@tsubame-kogyo.example	tsubame-kogyo.example	f
54	matsumoto.mio@kawasemi-bank.example	kawasemi-bank.example	f
55	inoue.takumi@hoshizora-ins.example	hoshizora-ins.example	f
56	kimura.rin@yamabiko-tech.example	yamabiko-tech.example	f
57	hayashi.sho@shinonome-print.example	shinonome-print.example	f
58	shimizu.nana@ginga-soft.example	ginga-soft.example	f
59	ishikawa.ai@acme.example	acme.example	f
60	ogawa.kenta@globex.example	globex.example	f
61	okada.yuki@initech.example	initech.example	f
62	hasegawa.hanako@umbrella.example	umbrella.example	f
63	fujita.taro@hooli.example	hooli.example	f
64	goto.yui@wonka.example	wonka.example	f
65	kondo.ren@kitakaze-shoji.example	kitakaze-shoji.example	f
66	tanaka.sakura@sakura-denki.example	sakura-denki.example	f
67	suzuki.kenji@minato-foods.example	minato-foods.example	f
68	takahashi.misaki@hikari-systems.example	hikari-systems.example	f
69	watanabe.daiki@aozora-trading.example	aozora-trading.example	f
70	ito.aoi@momiji-pharma.example	momiji-pharma.example	f
71	yamamoto.sota@tsubame-kogyo.example	tsubame-kogyo.example	f
72	nakamura.mei@kawasemi-bank.example	kawasemi-bank.example	f
73	kobayashi.riku@hoshizora-ins.example	hoshizora-ins.example	f
74	kato.yuna@yamabiko-tech.example	yamabiko-tech.example	f
75	yoshida.kaito@shinonome-print.example	shinonome-print.example	f
76	yamada.hina@ginga-soft.example	ginga-soft.example	f
77	sasaki.yuto@kumo-design.example	kumo-design.example	f
78	yamaguchi.mio@nagisa-hotel.example	nagisa-hotel.example	f
79	matsumoto.takumi@tokiwa-steel.example	tokiwa-steel.example	f
80	inoue.rin@hibari-books.example	hibari-books.example	f
81	kimura.sho@midori-farm.example	midori-farm.example	f
82	hayashi.nana@kasumi-clinic.example	kasumi-clinic.example	f
83	shimizu.kazuki@sazanami-marine.example	sazanami-marine.example	f
84	yamazaki.emi@inaho-rice.example	inaho-rice.example	f
85	mori.shun@fuyu-apparel.example	fuyu-apparel.example	f
86	abe.saki@kirin-motors.example	kirin-motors.example	f
87	ikeda.ryo@tsukimi-cafe.example	tsukimi-cafe.example	f
88	hashimoto.ai@hotaru-lighting.example	hotaru-lighting.example	f
89	ishikawa.kenta@kaede-architects.example	kaede-architects.example	f
90	ogawa.yuki@ayame-cosmetics.example	ayame-cosmetics.example	f
91	okada.hanako@acme.example	acme.example	f
92	hasegawa.taro@globex.example	globex.example	f
93	fujita.yui@initech.example	initech.example	f
94	goto.ren@umbrella.example	umbrella.example	f
95	kondo.haruto@hooli.example	hooli.example	f
96	tanaka.kenji@wonka.example	wonka.example	f
97	suzuki.misaki@kitakaze-shoji.example	kitakaze-shoji.example	f
98	takahashi.daiki@sakura-denki.example	sakura-denki.example	f
99	watanabe.aoi@minato-foods.example	minato-foods.example	f
100	ito.sota@hikari-systems.example	hikari-systems.example	f
101	yamamoto.mei@aozora-trading.example	aozora-trading.example	f
102	nakamura.riku@momiji-pharma.example	momiji-pharma.example	f
103	kobayashi.yuna@tsubame-kogyo.example	tsubame-kogyo.example	f
104	kato.kaito@kawasemi-bank.example	kawasemi-bank.example	f
105	yoshida.hina@hoshizora-ins.example	hoshizora-ins.example	f
106	yamada.yuto@yamabiko-tech.example	yamabiko-tech.example	f
107	sasaki.mio@shinonome-print.example	shinonome-print.example	f
108	yamaguchi.takumi@ginga-soft.example	ginga-soft.example	f
109	matsumoto.rin@kumo-design.example	kumo-design.example	f
110	inoue.sho@nagisa-hotel.example	nagisa-hotel.example	f
111	kimura.nana@tokiwa-steel.example	tokiwa-steel.example	f
112	hayashi.kazuki@hibari-books.example	hibari-books.example	f
113	shimizu.emi@midori-farm.example	midori-farm.example	f
114	yamazaki.shun@kasumi-clinic.example	kasumi-clinic.example	f
115	mori.saki@sazanami-marine.example	sazanami-marine.example	f
116	abe.ryo@inaho-rice.example	inaho-rice.example	f
117	ikeda.ai@fuyu-apparel.example	fuyu-apparel.example	f
118	hashimoto.kenta@kirin-motors.example	kirin-motors.example	f
119	ishikawa.yuki@tsukimi-cafe.example	tsukimi-cafe.example	f
120	ogawa.hanako@hotaru-lighting.example	hotaru-lighting.example	f
121	okada.taro@kaede-architects.example	kaede-architects.example	f
122	hasegawa.yui@ayame-cosmetics.example	ayame-cosmetics.example	f
123	fujita.ren@acme.example	acme.example	f
124	goto.haruto@globex.example	globex.example	f
125	kondo.sakura@initech.example	initech.example	f
126	tanaka.misaki@umbrella.example	umbrella.example	f
127	suzuki.daiki@hooli.example	hooli.example	f
128	takahashi.aoi@wonka.example	wonka.example	f
129	watanabe.sota@kitakaze-shoji.example	kitakaze-shoji.example	f
130	ito.mei@sakura-denki.example	sakura-denki.example	f
131	yamamoto.riku@minato-foods.example	minato-foods.example	f
132	nakamura.yuna@hikari-systems.example	hikari-systems.example	f
133	kobayashi.kaito@aozora-trading.example	aozora-trading.example	f
134	kato.hina@momiji-pharma.example	momiji-pharma.example	f
135	yoshida.yuto@tsubame-kogyo.example	tsubame-kogyo.example	f
136	yamada.mio@kawasemi-bank.example	kawasemi-bank.example	f
137	sasaki.takumi@hoshizora-ins.example	hoshizora-ins.example	f
138	yamaguchi.rin@yamabiko-tech.example	yamabiko-tech.example	f
139	matsumoto.sho@shinonome-print.example	shinonome-print.example	f
140	inoue.nana@ginga-soft.example	ginga-soft.example	f
141	kimura.kazuki@kumo-design.example	kumo-design.example	f
142	hayashi.emi@nagisa-hotel.example	nagisa-hotel.example	f
143	shimizu.shun@tokiwa-steel.example	tokiwa-steel.example	f
144	yamazaki.saki@hibari-books.example	hibari-books.example	f
145	mori.ryo@midori-farm.example	midori-farm.example	f
146	abe.ai@kasumi-clinic.example	kasumi-clinic.example	f
147	ikeda.kenta.sample@gmail.com	ikeda.kenta.sample@gmail.com	t
148	hashimoto.yuki.sample@yahoo.co.jp	hashimoto.yuki.sample@yahoo.co.jp	t
149	ishikawa.hanako.sample@docomo.ne.jp	ishikawa.hanako.sample@docomo.ne.jp	t
150	ogawa.taro.sample@outlook.com	ogawa.taro.sample@outlook.com	t
151	okada.yui.sample@ezweb.ne.jp	okada.yui.sample@ezweb.ne.jp	t
152	hasegawa.ren.sample@icloud.com	hasegawa.ren.sample@icloud.com	t
153	fujita.haruto.sample@softbank.ne.jp	fujita.haruto.sample@softbank.ne.jp	t
154	goto.sakura.sample@hotmail.co.jp	goto.sakura.sample@hotmail.co.jp	t
155	kondo.kenji.sample@nifty.com	kondo.kenji.sample@nifty.com	t
156	tanaka.daiki.sample@outlook.jp	tanaka.daiki.sample@outlook.jp	t
157	suzuki.aoi.sample@gmail.com	suzuki.aoi.sample@gmail.com	t
158	takahashi.sota.sample@yahoo.co.jp	takahashi.sota.sample@yahoo.co.jp	t
159	watanabe.mei.sample@docomo.ne.jp	watanabe.mei.sample@docomo.ne.jp	t
160	ito.riku.sample@outlook.com	ito.riku.sample@outlook.com	t
161	yamamoto.yuna.sample@ezweb.ne.jp	yamamoto.yuna.sample@ezweb.ne.jp	t
162	nakamura.kaito.sample@icloud.com	nakamura.kaito.sample@icloud.com	t
163	kobayashi.hina.sample@softbank.ne.jp	kobayashi.hina.sample@softbank.ne.jp	t
164	kato.yuto.sample@hotmail.co.jp	kato.yuto.sample@hotmail.co.jp	t
165	yoshida.mio.sample@nifty.com	yoshida.mio.sample@nifty.com	t
166	yamada.takumi.sample@outlook.jp	yamada.takumi.sample@outlook.jp	t
167	sasaki.rin.sample@gmail.com	sasaki.rin.sample@gmail.com	t
168	yamaguchi.sho.sample@yahoo.co.jp	yamaguchi.sho.sample@yahoo.co.jp	t
169	matsumoto.nana.sample@docomo.ne.jp	matsumoto.nana.sample@docomo.ne.jp	t
170	inoue.kazuki.sample@outlook.com	inoue.kazuki.sample@outlook.com	t
171	kimura.emi.sample@ezweb.ne.jp	kimura.emi.sample@ezweb.ne.jp	t
172	hayashi.shun.sample@icloud.com	hayashi.shun.sample@icloud.com	t
173	shimizu.saki.sample@softbank.ne.jp	shimizu.saki.sample@softbank.ne.jp	t
174	yamazaki.ryo@acme.example	acme.example	f
175	mori.ai@globex.example	globex.example	f
176	abe.kenta@initech.example	initech.example	f
177	ikeda.yuki@umbrella.example	umbrella.example	f
178	hashimoto.hanako@hooli.example	hooli.example	f
179	ishikawa.taro@wonka.example	wonka.example	f
180	ogawa.yui@kitakaze-shoji.example	kitakaze-shoji.example	f
181	okada.ren@sakura-denki.example	sakura-denki.example	f
182	hasegawa.haruto@minato-foods.example	minato-foods.example	f
183	fujita.sakura@hikari-systems.example	hikari-systems.example	f
184	goto.kenji@aozora-trading.example	aozora-trading.example	f
185	kondo.misaki@momiji-pharma.example	momiji-pharma.example	f
186	tanaka.aoi@tsubame-kogyo.example	tsubame-kogyo.example	f
187	suzuki.sota@kawasemi-bank.example	kawasemi-bank.example	f
188	takahashi.mei@hoshizora-ins.example	hoshizora-ins.example	f
189	watanabe.riku@yamabiko-tech.example	yamabiko-tech.example	f
190	ito.yuna@shinonome-print.example	shinonome-print.example	f
191	yamamoto.kaito@ginga-soft.example	ginga-soft.example	f
192	nakamura.hina@kumo-design.example	kumo-design.example	f
193	kobayashi.yuto@nagisa-hotel.example	nagisa-hotel.example	f
194	kato.mio@tokiwa-steel.example	tokiwa-steel.example	f
195	yoshida.takumi@hibari-books.example	hibari-books.example	f
196	yamada.rin@midori-farm.example	midori-farm.example	f
197	sasaki.sho@kasumi-clinic.example	kasumi-clinic.example	f
198	yamaguchi.nana@sazanami-marine.example	sazanami-marine.example	f
199	matsumoto.kazuki@acme.example	acme.example	f
200	inoue.emi@globex.example	globex.example	f
201	kimura.shun@initech.example	initech.example	f
202	hayashi.saki@umbrella.example	umbrella.example	f
203	shimizu.ryo@hooli.example	hooli.example	f
204	yamazaki.ai@wonka.example	wonka.example	f
205	mori.kenta@kitakaze-shoji.example	kitakaze-shoji.example	f
206	abe.yuki@sakura-denki.example	sakura-denki.example	f
207	ikeda.hanako@minato-foods.example	minato-foods.example	f
208	hashimoto.taro@hikari-systems.example	hikari-systems.example	f
209	ishikawa.yui@aozora-trading.example	aozora-trading.example	f
210	ogawa.ren@momiji-pharma.example	momiji-pharma.example	f
211	okada.haruto@tsubame-kogyo.example	tsubame-kogyo.example	f
212	hasegawa.sakura@kawasemi-bank.example	kawasemi-bank.example	f
213	fujita.kenji@hoshizora-ins.example	hoshizora-ins.example	f
214	goto.misaki@yamabiko-tech.example	yamabiko-tech.example	f
215	kondo.daiki@shinonome-print.example	shinonome-print.example	f
216	tanaka.sota@ginga-soft.example	ginga-soft.example	f
217	suzuki.mei@kumo-design.example	kumo-design.example	f
218	takahashi.riku@nagisa-hotel.example	nagisa-hotel.example	f
219	watanabe.yuna@tokiwa-steel.example	tokiwa-steel.example	f
220	ito.kaito@hibari-books.example	hibari-books.example	f
221	yamamoto.hina@midori-farm.example	midori-farm.example	f
222	nakamura.yuto@kasumi-clinic.example	kasumi-clinic.example	f
223	kobayashi.mio@sazanami-marine.example	sazanami-marine.example	f
224	kato.takumi@acme.example	acme.example	f
225	yoshida.rin@globex.example	globex.example	f
226	yamada.sho@initech.example	initech.example	f
227	sasaki.nana@umbrella.example	umbrella.example	f
228	yamaguchi.kazuki@hooli.example	hooli.example	f
229	matsumoto.emi@wonka.example	wonka.example	f
230	inoue.shun@kitakaze-shoji.example	kitakaze-shoji.example	f
231	kimura.saki@sakura-denki.example	sakura-denki.example	f
232	hayashi.ryo@minato-foods.example	minato-foods.example	f
233	shimizu.ai@hikari-systems.example	hikari-systems.example	f
234	yamazaki.kenta@aozora-trading.example	aozora-trading.example	f
235	mori.yuki@momiji-pharma.example	momiji-pharma.example	f
236	abe.hanako@tsubame-kogyo.example	tsubame-kogyo.example	f
237	ikeda.taro@kawasemi-bank.example	kawasemi-bank.example	f
238	hashimoto.yui@hoshizora-ins.example	hoshizora-ins.example	f
239	ishikawa.ren@yamabiko-tech.example	yamabiko-tech.example	f
240	ogawa.haruto@shinonome-print.example	shinonome-print.example	f
241	okada.sakura@ginga-soft.example	ginga-soft.example	f
242	hasegawa.kenji@kumo-design.example	kumo-design.example	f
243	fujita.misaki@nagisa-hotel.example	nagisa-hotel.example	f
244	goto.daiki@tokiwa-steel.example	tokiwa-steel.example	f
245	kondo.aoi@hibari-books.example	hibari-books.example	f
246	tanaka.mei@midori-farm.example	midori-farm.example	f
247	suzuki.riku@kasumi-clinic.example	kasumi-clinic.example	f
248	takahashi.yuna@sazanami-marine.example	sazanami-marine.example	f
249	watanabe.kaito@acme.example	acme.example	f
250	ito.hina@globex.example	globex.example	f
251	yamamoto.yuto@initech.example	initech.example	f
252	nakamura.mio@umbrella.example	umbrella.example	f
253	kobayashi.takumi@hooli.example	hooli.example	f
254	kato.rin@wonka.example	wonka.example	f
255	yoshida.sho@kitakaze-shoji.example	kitakaze-shoji.example	f
256	yamada.nana@sakura-denki.example	sakura-denki.example	f
257	sasaki.kazuki@minato-foods.example	minato-foods.example	f
258	yamaguchi.emi@hikari-systems.example	hikari-systems.example	f
259	matsumoto.shun@aozora-trading.example	aozora-trading.example	f
260	inoue.saki@momiji-pharma.example	momiji-pharma.example	f
261	kimura.ryo@tsubame-kogyo.example	tsubame-kogyo.example	f
262	hayashi.ai@kawasemi-bank.example	kawasemi-bank.example	f
263	shimizu.kenta@hoshizora-ins.example	hoshizora-ins.example	f
264	yamazaki.yuki@yamabiko-tech.example	yamabiko-tech.example	f
265	mori.hanako@shinonome-print.example	shinonome-print.example	f
266	abe.taro@ginga-soft.example	ginga-soft.example	f
267	ikeda.yui@kumo-design.example	kumo-design.example	f
268	hashimoto.ren@nagisa-hotel.example	nagisa-hotel.example	f
269	ishikawa.haruto@tokiwa-steel.example	tokiwa-steel.example	f
270	ogawa.sakura@hibari-books.example	hibari-books.example	f
271	okada.kenji@midori-farm.example	midori-farm.example	f
272	hasegawa.misaki@kasumi-clinic.example	kasumi-clinic.example	f
273	fujita.daiki@sazanami-marine.example	sazanami-marine.example	f
274	goto.aoi.sample@gmail.com	goto.aoi.sample@gmail.com	t
275	kondo.sota.sample@yahoo.co.jp	kondo.sota.sample@yahoo.co.jp	t
276	tanaka.riku.sample@docomo.ne.jp	tanaka.riku.sample@docomo.ne.jp	t
277	suzuki.yuna.sample@outlook.com	suzuki.yuna.sample@outlook.com	t
278	takahashi.kaito.sample@ezweb.ne.jp	takahashi.kaito.sample@ezweb.ne.jp	t
279	watanabe.hina.sample@icloud.com	watanabe.hina.sample@icloud.com	t
280	ito.yuto.sample@softbank.ne.jp	ito.yuto.sample@softbank.ne.jp	t
281	yamamoto.mio.sample@hotmail.co.jp	yamamoto.mio.sample@hotmail.co.jp	t
282	nakamura.takumi.sample@nifty.com	nakamura.takumi.sample@nifty.com	t
283	kobayashi.rin.sample@outlook.jp	kobayashi.rin.sample@outlook.jp	t
284	kato.sho.sample@gmail.com	kato.sho.sample@gmail.com	t
285	yoshida.nana.sample@yahoo.co.jp	yoshida.nana.sample@yahoo.co.jp	t
286	yamada.kazuki.sample@docomo.ne.jp	yamada.kazuki.sample@docomo.ne.jp	t
287	sasaki.emi.sample@outlook.com	sasaki.emi.sample@outlook.com	t
288	yamaguchi.shun.sample@ezweb.ne.jp	yamaguchi.shun.sample@ezweb.ne.jp	t
289	matsumoto.saki.sample@icloud.com	matsumoto.saki.sample@icloud.com	t
290	inoue.ryo.sample@softbank.ne.jp	inoue.ryo.sample@softbank.ne.jp	t
291	kimura.ai.sample@hotmail.co.jp	kimura.ai.sample@hotmail.co.jp	t
292	hayashi.kenta.sample@nifty.com	hayashi.kenta.sample@nifty.com	t
293	shimizu.yuki.sample@outlook.jp	shimizu.yuki.sample@outlook.jp	t
294	yamazaki.hanako@kumo-design.example	kumo-design.example	f
295	mori.taro@nagisa-hotel.example	nagisa-hotel.example	f
296	abe.yui@kumo-design.example	kumo-design.example	f
297	ikeda.ren@nagisa-hotel.example	nagisa-hotel.example	f
298	hashimoto.haruto@kumo-design.example	kumo-design.example	f
299	ishikawa.sakura@acme.example	acme.example	f
300	ogawa.kenji@globex.example	globex.example	f
301	okada.misaki@initech.example	initech.example	f
302	hasegawa.daiki@umbrella.example	umbrella.example	f
303	fujita.aoi@hooli.example	hooli.example	f
304	goto.sota@wonka.example	wonka.example	f
305	kondo.mei@kitakaze-shoji.example	kitakaze-shoji.example	f
306	tanaka.yuna@sakura-denki.example	sakura-denki.example	f
307	suzuki.kaito@minato-foods.example	minato-foods.example	f
308	takahashi.hina@hikari-systems.example	hikari-systems.example	f
309	watanabe.yuto@aozora-trading.example	aozora-trading.example	f
310	ito.mio@momiji-pharma.example	momiji-pharma.example	f
311	yamamoto.takumi@tsubame-kogyo.example	tsubame-kogyo.example	f
312	nakamura.rin@kawasemi-bank.example	kawasemi-bank.example	f
313	kobayashi.sho@hoshizora-ins.example	hoshizora-ins.example	f
314	kato.nana@yamabiko-tech.example	yamabiko-tech.example	f
315	yoshida.kazuki@shinonome-print.example	shinonome-print.example	f
316	yamada.emi@ginga-soft.example	ginga-soft.example	f
317	sasaki.shun@kumo-design.example	kumo-design.example	f
318	yamaguchi.saki@nagisa-hotel.example	nagisa-hotel.example	f
319	matsumoto.ryo@tokiwa-steel.example	tokiwa-steel.example	f
320	inoue.ai@hibari-books.example	hibari-books.example	f
321	kimura.kenta@midori-farm.example	midori-farm.example	f
322	hayashi.yuki@kasumi-clinic.example	kasumi-clinic.example	f
323	shimizu.hanako@sazanami-marine.example	sazanami-marine.example	f
324	yamazaki.taro@inaho-rice.example	inaho-rice.example	f
325	mori.yui@fuyu-apparel.example	fuyu-apparel.example	f
326	abe.ren@kirin-motors.example	kirin-motors.example	f
327	ikeda.haruto@tsukimi-cafe.example	tsukimi-cafe.example	f
328	hashimoto.sakura@hotaru-lighting.example	hotaru-lighting.example	f
329	ishikawa.kenji@kaede-architects.example	kaede-architects.example	f
330	ogawa.misaki@ayame-cosmetics.example	ayame-cosmetics.example	f
331	okada.daiki@acme.example	acme.example	f
332	hasegawa.aoi@globex.example	globex.example	f
333	fujita.sota@initech.example	initech.example	f
334	goto.mei@umbrella.example	umbrella.example	f
335	kondo.riku@hooli.example	hooli.example	f
336	tanaka.kaito@wonka.example	wonka.example	f
337	suzuki.hina@kitakaze-shoji.example	kitakaze-shoji.example	f
338	takahashi.yuto@sakura-denki.example	sakura-denki.example	f
339	watanabe.mio@minato-foods.example	minato-foods.example	f
340	ito.takumi@hikari-systems.example	hikari-systems.example	f
341	yamamoto.rin@aozora-trading.example	aozora-trading.example	f
342	nakamura.sho@momiji-pharma.example	momiji-pharma.example	f
343	kobayashi.nana@tsubame-kogyo.example	tsubame-kogyo.example	f
344	kato.kazuki@kawasemi-bank.example	kawasemi-bank.example	f
345	yoshida.emi@hoshizora-ins.example	hoshizora-ins.example	f
346	yamada.shun@yamabiko-tech.example	yamabiko-tech.example	f
347	sasaki.saki@shinonome-print.example	shinonome-print.example	f
348	yamaguchi.ryo@ginga-soft.example	ginga-soft.example	f
349	matsumoto.ai@kumo-design.example	kumo-design.example	f
350	inoue.kenta@nagisa-hotel.example	nagisa-hotel.example	f
351	kimura.yuki@tokiwa-steel.example	tokiwa-steel.example	f
352	hayashi.hanako@hibari-books.example	hibari-books.example	f
353	shimizu.taro@midori-farm.example	midori-farm.example	f
354	yamazaki.yui@kasumi-clinic.example	kasumi-clinic.example	f
355	mori.ren@sazanami-marine.example	sazanami-marine.example	f
356	abe.haruto@inaho-rice.example	inaho-rice.example	f
357	ikeda.sakura@fuyu-apparel.example	fuyu-apparel.example	f
358	hashimoto.kenji@kirin-motors.example	kirin-motors.example	f
359	ishikawa.misaki@tsukimi-cafe.example	tsukimi-cafe.example	f
360	ogawa.daiki@hotaru-lighting.example	hotaru-lighting.example	f
361	okada.aoi@kaede-architects.example	kaede-architects.example	f
362	hasegawa.sota@ayame-cosmetics.example	ayame-cosmetics.example	f
363	fujita.mei@acme.example	acme.example	f
364	goto.riku@globex.example	globex.example	f
365	kondo.yuna@initech.example	initech.example	f
366	tanaka.hina@umbrella.example	umbrella.example	f
367	suzuki.yuto@hooli.example	hooli.example	f
368	takahashi.mio@wonka.example	wonka.example	f
369	watanabe.takumi@kitakaze-shoji.example	kitakaze-shoji.example	f
370	ito.rin@sakura-denki.example	sakura-denki.example	f
371	yamamoto.sho@minato-foods.example	minato-foods.example	f
372	nakamura.nana@hikari-systems.example	hikari-systems.example	f
373	kobayashi.kazuki@aozora-trading.example	aozora-trading.example	f
374	kato.emi@momiji-pharma.example	momiji-pharma.example	f
375	yoshida.shun@tsubame-kogyo.example	tsubame-kogyo.example	f
376	yamada.saki@kawasemi-bank.example	kawasemi-bank.example	f
377	sasaki.ryo@hoshizora-ins.example	hoshizora-ins.example	f
378	yamaguchi.ai@yamabiko-tech.example	yamabiko-tech.example	f
379	matsumoto.kenta.sample@gmail.com	matsumoto.kenta.sample@gmail.com	t
380	inoue.yuki.sample@yahoo.co.jp	inoue.yuki.sample@yahoo.co.jp	t
381	kimura.hanako.sample@docomo.ne.jp	kimura.hanako.sample@docomo.ne.jp	t
382	hayashi.taro.sample@outlook.com	hayashi.taro.sample@outlook.com	t
383	shimizu.yui.sample@ezweb.ne.jp	shimizu.yui.sample@ezweb.ne.jp	t
384	yamazaki.ren.sample@icloud.com	yamazaki.ren.sample@icloud.com	t
385	mori.haruto.sample@softbank.ne.jp	mori.haruto.sample@softbank.ne.jp	t
386	abe.sakura.sample@hotmail.co.jp	abe.sakura.sample@hotmail.co.jp	t
387	ikeda.kenji.sample@nifty.com	ikeda.kenji.sample@nifty.com	t
388	hashimoto.misaki.sample@outlook.jp	hashimoto.misaki.sample@outlook.jp	t
389	ishikawa.daiki.sample@gmail.com	ishikawa.daiki.sample@gmail.com	t
390	ogawa.aoi.sample@yahoo.co.jp	ogawa.aoi.sample@yahoo.co.jp	t
391	okada.sota.sample@docomo.ne.jp	okada.sota.sample@docomo.ne.jp	t
392	hasegawa.mei.sample@outlook.com	hasegawa.mei.sample@outlook.com	t
393	fujita.riku.sample@ezweb.ne.jp	fujita.riku.sample@ezweb.ne.jp	t
394	goto.yuna.sample@icloud.com	goto.yuna.sample@icloud.com	t
395	kondo.kaito.sample@softbank.ne.jp	kondo.kaito.sample@softbank.ne.jp	t
396	tanaka.yuto.sample@hotmail.co.jp	tanaka.yuto.sample@hotmail.co.jp	t
397	suzuki.mio.sample@nifty.com	suzuki.mio.sample@nifty.com	t
398	takahashi.takumi@globex.example	globex.example	f
399	watanabe.rin@acme.example	acme.example	f
400	ito.sho@initech.example	initech.example	f
401	yamamoto.nana@acme.example	acme.example	f
402	nakamura.kazuki@umbrella.example	umbrella.example	f
403	kobayashi.emi.sample@docomo.ne.jp	kobayashi.emi.sample@docomo.ne.jp	t
404	mueller.jonas@mueller-technik.example	mueller-technik.example	f
405	becker.lena@schmidt-bau.example	schmidt-bau.example	f
406	hoffmann.max.sample@gmx.de	hoffmann.max.sample@gmx.de	t
407	kato.shun@hooli.example	hooli.example	f
408	yoshida.saki@wonka.example	wonka.example	f
409	yamada.ryo@ginga-soft.example	ginga-soft.example	f
410	sasaki.ai@kumo-design.example	kumo-design.example	f
411	yamaguchi.kenta@hooli.example	hooli.example	f
412	matsumoto.yuki@wonka.example	wonka.example	f
413	inoue.hanako@hikari-systems.example	hikari-systems.example	f
414	kimura.taro@kawasemi-bank.example	kawasemi-bank.example	f
415	hayashi.yui@hoshizora-ins.example	hoshizora-ins.example	f
416	shimizu.ren@yamabiko-tech.example	yamabiko-tech.example	f
417	yamazaki.haruto@kawasemi-bank.example	kawasemi-bank.example	f
418	mori.sakura@hoshizora-ins.example	hoshizora-ins.example	f
419	abe.kenji@yamabiko-tech.example	yamabiko-tech.example	f
420	ikeda.misaki.sample@gmail.com	ikeda.misaki.sample@gmail.com	t
421	hashimoto.daiki.sample@yahoo.co.jp	hashimoto.daiki.sample@yahoo.co.jp	t
422	ishikawa.aoi@shinonome-print.example	shinonome-print.example	f
423	ogawa.sota@ginga-soft.example	ginga-soft.example	f
424	okada.mei@kumo-design.example	kumo-design.example	f
425	hasegawa.riku@shinonome-print.example	shinonome-print.example	f
426	fujita.yuna@ginga-soft.example	ginga-soft.example	f
427	goto.kaito@kumo-design.example	kumo-design.example	f
428	kondo.hina.sample@gmail.com	kondo.hina.sample@gmail.com	t
429	tanaka.mio.sample@yahoo.co.jp	tanaka.mio.sample@yahoo.co.jp	t
430	suzuki.takumi@nagisa-hotel.example	nagisa-hotel.example	f
431	takahashi.rin@tokiwa-steel.example	tokiwa-steel.example	f
432	watanabe.sho@hibari-books.example	hibari-books.example	f
433	ito.nana@nagisa-hotel.example	nagisa-hotel.example	f
434	yamamoto.kazuki@tokiwa-steel.example	tokiwa-steel.example	f
435	nakamura.emi@hibari-books.example	hibari-books.example	f
436	kobayashi.shun.sample@gmail.com	kobayashi.shun.sample@gmail.com	t
437	kato.saki.sample@yahoo.co.jp	kato.saki.sample@yahoo.co.jp	t
438	shimizu.haruto@tokiwa-steel.example	tokiwa-steel.example	f
439	yamazaki.sakura@hibari-books.example	hibari-books.example	f
440	mori.kenji.sample@icloud.com	mori.kenji.sample@icloud.com	t
441	abe.misaki@initech.example	initech.example	f
442	ikeda.daiki@umbrella.example	umbrella.example	f
443	hashimoto.aoi@umbrella.example	umbrella.example	f
444	ishikawa.sota.sample@yahoo.co.jp	ishikawa.sota.sample@yahoo.co.jp	t
445	okada.riku@wonka.example	wonka.example	f
446	hasegawa.yuna@acme.example	acme.example	f
447	fujita.kaito@kirin-motors.example	kirin-motors.example	f
448	goto.hina@tsukimi-cafe.example	tsukimi-cafe.example	f
449	kondo.yuto@hotaru-lighting.example	hotaru-lighting.example	f
450	tanaka.takumi@sakura-denki.example	sakura-denki.example	f
451	suzuki.rin@minato-foods.example	minato-foods.example	f
452	yamada.taro@initech.example	initech.example	f
453	takahashi.sho@minato-foods.example	minato-foods.example	f
454	watanabe.nana.sample@ezweb.ne.jp	watanabe.nana.sample@ezweb.ne.jp	t
455	ito.kazuki@globex.example	globex.example	f
456	yamamoto.emi@initech.example	initech.example	f
457	tanaka@acme.example	acme.example	f
458	hayashi.rin@globex.example	globex.example	f
459	yoshida.ryo@inaho-rice.example	inaho-rice.example	f
460	yamada.ai@fuyu-apparel.example	fuyu-apparel.example	f
461	sasaki.kenta@kirin-motors.example	kirin-motors.example	f
462	yamaguchi.yuki@inaho-rice.example	inaho-rice.example	f
463	matsumoto.hanako@fuyu-apparel.example	fuyu-apparel.example	f
464	inoue.taro@kirin-motors.example	kirin-motors.example	f
465	kimura.yui.sample@gmail.com	kimura.yui.sample@gmail.com	t
466	hayashi.ren.sample@yahoo.co.jp	hayashi.ren.sample@yahoo.co.jp	t
\.


--
-- Data for Name: analysisstate; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.analysisstate (id, internaldomains, inferred, sendercounts, suffixlistsource, analyzedat, runid, inputsdigest, messagehighwater) FROM stdin;
1	["corp.example"]	t	{"corp.example":33}	/usr/share/publicsuffix/public_suffix_list.dat	2026-12-01T05:48:30+00:00	1	fbb1a2550d49bf029ad6eaa98c84e4517c49ba15d8f540e8ea88514b31faedf7	33
\.


--
-- Data for Name: exposure; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.exposure (messagerowid, recipientindex, addressid, exposedto) FROM stdin;
7	0	1	1
7	1	2	1
8	0	3	3
8	1	4	3
8	2	5	3
8	3	6	3
9	0	7	3
9	1	8	3
9	2	9	4
9	3	10	3
9	4	11	3
10	0	12	2
10	1	13	2
10	2	14	2
11	0	15	17
11	1	16	17
11	2	17	17
11	3	18	17
11	4	19	17
11	5	20	17
11	6	21	17
11	7	22	17
11	8	23	17
11	9	24	17
11	10	25	17
11	11	26	17
11	12	27	18
11	13	28	17
11	14	29	17
11	15	30	18
11	16	31	18
11	17	32	18
11	18	33	18
12	0	34	4
12	1	35	4
12	2	36	4
12	3	37	4
12	4	38	4
13	0	39	18
13	1	40	18
13	2	41	18
13	3	42	18
13	4	43	18
13	5	44	18
13	6	45	18
13	7	46	18
13	8	47	18
13	9	48	18
13	10	49	18
13	11	50	18
13	12	51	18
13	13	52	18
13	14	53	18
13	15	54	18
13	16	55	18
13	17	56	18
13	18	57	18
13	19	58	18
14	0	1	116
14	1	2	116
14	2	12	119
14	3	13	119
14	4	14	119
14	5	59	116
14	6	60	116
14	7	61	117
14	8	62	117
14	9	63	117
14	10	64	117
14	11	65	117
14	12	66	117
14	13	67	117
14	14	68	117
14	15	69	117
14	16	70	117
14	17	71	117
14	18	72	117
14	19	73	117
14	20	74	117
14	21	75	117
14	22	76	117
14	23	77	117
14	24	78	117
14	25	79	117
14	26	80	117
14	27	81	117
14	28	82	117
14	29	83	118
14	30	84	118
14	31	85	118
14	32	86	118
14	33	87	118
14	34	88	118
14	35	89	118
14	36	90	118
14	37	91	116
14	38	92	116
14	39	93	117
14	40	94	117
14	41	95	117
14	42	96	117
14	43	97	117
14	44	98	117
14	45	99	117
14	46	100	117
14	47	101	117
14	48	102	117
14	49	103	117
14	50	104	117
14	51	105	117
14	52	106	117
14	53	107	117
14	54	108	117
14	55	109	117
14	56	110	117
14	57	111	117
14	58	112	117
14	59	113	117
14	60	114	117
14	61	115	118
14	62	116	118
14	63	117	118
14	64	118	118
14	65	119	118
14	66	120	118
14	67	121	118
14	68	122	118
14	69	123	116
14	70	124	116
14	71	125	117
14	72	126	117
14	73	127	117
14	74	128	117
14	75	129	117
14	76	130	117
14	77	131	117
14	78	132	117
14	79	133	117
14	80	134	117
14	81	135	117
14	82	136	117
14	83	137	117
14	84	138	117
14	85	139	117
14	86	140	117
14	87	141	117
14	88	142	117
14	89	143	117
14	90	144	117
14	91	145	117
14	92	146	117
14	93	147	119
14	94	148	119
14	95	149	119
14	96	150	119
14	97	151	119
14	98	152	119
14	99	153	119
14	100	154	119
14	101	155	119
14	102	156	119
14	103	157	119
14	104	158	119
14	105	159	119
14	106	160	119
14	107	161	119
14	108	162	119
14	109	163	119
14	110	164	119
14	111	165	119
14	112	166	119
14	113	167	119
14	114	168	119
14	115	169	119
14	116	170	119
14	117	171	119
14	118	172	119
14	119	173	119
15	0	174	96
15	1	175	96
15	2	176	96
15	3	177	96
15	4	178	96
15	5	179	96
15	6	180	96
15	7	181	96
15	8	182	96
15	9	183	96
15	10	184	96
15	11	185	96
15	12	186	96
15	13	187	96
15	14	188	96
15	15	189	96
15	16	190	96
15	17	191	96
15	18	192	96
15	19	193	96
15	20	194	96
15	21	195	96
15	22	196	96
15	23	197	96
15	24	198	96
15	25	199	96
15	26	200	96
15	27	201	96
15	28	202	96
15	29	203	96
15	30	204	96
15	31	205	96
15	32	206	96
15	33	207	96
15	34	208	96
15	35	209	96
15	36	210	96
15	37	211	96
15	38	212	96
15	39	213	96
15	40	214	96
15	41	215	96
15	42	216	96
15	43	217	96
15	44	218	96
15	45	219	96
15	46	220	96
15	47	221	96
15	48	222	96
15	49	223	96
15	50	224	96
15	51	225	96
15	52	226	96
15	53	227	96
15	54	228	96
15	55	229	96
15	56	230	96
15	57	231	96
15	58	232	96
15	59	233	96
15	60	234	96
15	61	235	96
15	62	236	96
15	63	237	96
15	64	238	96
15	65	239	96
15	66	240	96
15	67	241	96
15	68	242	96
15	69	243	96
15	70	244	96
15	71	245	96
15	72	246	96
15	73	247	96
15	74	248	96
15	75	249	96
15	76	250	96
15	77	251	96
15	78	252	96
15	79	253	96
15	80	254	96
15	81	255	96
15	82	256	96
15	83	257	96
15	84	258	96
15	85	259	96
15	86	260	96
15	87	261	96
15	88	262	96
15	89	263	96
15	90	264	96
15	91	265	96
15	92	266	96
15	93	267	96
15	94	268	96
15	95	269	96
15	96	270	96
15	97	271	96
15	98	272	96
15	99	273	96
16	0	274	24
16	1	275	24
16	2	276	24
16	3	277	24
16	4	278	24
16	5	279	24
16	6	280	24
16	7	281	24
16	8	282	24
16	9	283	24
16	10	284	24
16	11	285	24
16	12	286	24
16	13	287	24
16	14	288	24
16	15	289	24
16	16	290	24
16	17	291	24
16	18	292	24
16	19	293	24
16	20	294	22
16	21	295	23
16	22	296	22
16	23	297	23
16	24	298	22
17	0	299	96
17	1	300	96
17	2	301	96
17	3	302	96
17	4	303	96
17	5	304	96
17	6	305	96
17	7	306	96
17	8	307	96
17	9	308	96
17	10	309	96
17	11	310	96
17	12	311	96
17	13	312	96
17	14	313	96
17	15	314	96
17	16	315	97
17	17	316	97
17	18	317	97
17	19	318	97
17	20	319	97
17	21	320	97
17	22	321	97
17	23	322	97
17	24	323	97
17	25	324	97
17	26	325	97
17	27	326	97
17	28	327	97
17	29	328	97
17	30	329	97
17	31	330	97
17	32	331	96
17	33	332	96
17	34	333	96
17	35	334	96
17	36	335	96
17	37	336	96
17	38	337	96
17	39	338	96
17	40	339	96
17	41	340	96
17	42	341	96
17	43	342	96
17	44	343	96
17	45	344	96
17	46	345	96
17	47	346	96
17	48	347	97
17	49	348	97
17	50	349	97
17	51	350	97
17	52	351	97
17	53	352	97
17	54	353	97
17	55	354	97
17	56	355	97
17	57	356	97
17	58	357	97
17	59	358	97
17	60	359	97
17	61	360	97
17	62	361	97
17	63	362	97
17	64	363	96
17	65	364	96
17	66	365	96
17	67	366	96
17	68	367	96
17	69	368	96
17	70	369	96
17	71	370	96
17	72	371	96
17	73	372	96
17	74	373	96
17	75	374	96
17	76	375	96
17	77	376	96
17	78	377	96
17	79	378	96
17	80	379	98
17	81	380	98
17	82	381	98
17	83	382	98
17	84	383	98
17	85	384	98
17	86	385	98
17	87	386	98
17	88	387	98
17	89	388	98
17	90	389	98
17	91	390	98
17	92	391	98
17	93	392	98
17	94	393	98
17	95	394	98
17	96	395	98
17	97	396	98
17	98	397	98
18	0	398	2
18	1	399	2
18	2	400	2
19	0	401	2
19	1	402	2
19	2	403	2
20	0	404	2
20	1	405	2
20	2	406	2
21	0	407	4
21	1	408	4
21	2	409	5
21	3	410	5
21	4	411	4
21	5	412	4
22	0	408	4
22	1	409	5
22	2	410	5
22	3	411	5
22	4	412	4
22	5	413	5
23	0	414	6
23	1	415	6
23	2	416	6
23	3	417	6
23	4	418	6
23	5	419	6
23	6	420	7
23	7	421	7
24	0	422	6
24	1	423	6
24	2	424	6
24	3	425	6
24	4	426	6
24	5	427	6
24	6	428	7
24	7	429	7
25	0	430	6
25	1	431	6
25	2	432	6
25	3	433	6
25	4	434	6
25	5	435	6
25	6	436	7
25	7	437	7
26	0	438	2
26	1	439	2
26	2	440	2
27	0	441	3
27	1	442	2
27	2	443	2
27	3	444	3
28	0	445	1
28	1	446	1
29	0	447	2
29	1	448	2
29	2	449	2
30	0	450	4
30	1	451	3
30	2	452	4
30	3	453	3
30	4	454	4
31	0	455	1
31	1	456	1
32	0	457	1
32	1	458	1
33	0	459	6
33	1	460	6
33	2	461	6
33	3	462	6
33	4	463	6
33	5	464	6
33	6	465	7
33	7	466	7
\.


--
-- Data for Name: finding; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.finding (messagerowid, severity, reply, visiblerecipients, externalrecipients, parties, personalcount, incidentid) FROM stdin;
7	low	f	3	2	2	0	INC-1ca69be85f
8	low	f	4	4	4	1	INC-157784d81d
9	medium	f	5	5	3	0	INC-d566e513a3
10	medium	f	4	3	3	3	INC-4416c5a1a2
11	medium	f	19	19	12	4	INC-c0004039a6
12	high	f	5	5	5	5	INC-f3df915eec
13	high	f	20	20	10	0	INC-03565e1c06
14	critical	f	120	120	62	30	INC-a85b194396
15	critical	f	100	100	25	0	INC-55d3e39ff9
16	critical	f	25	25	22	20	INC-9b62d68b71
17	high	f	99	99	51	19	INC-250d0b9498
18	low	t	4	3	3	0	INC-f1ab3a75e4
19	low	t	3	3	3	1	INC-8dfe2f006f
20	low	t	3	3	3	1	INC-7e9e212784
21	medium	f	7	6	4	0	INC-0ec2b88c51
22	medium	t	7	6	5	0	INC-0ec2b88c51
23	medium	f	8	8	5	2	INC-415d56e393
24	medium	f	8	8	5	2	INC-415d56e393
25	medium	f	8	8	5	2	INC-415d56e393
26	low	f	4	3	3	1	INC-e8b6d7367c
27	low	f	4	4	3	1	INC-5e3d3e1477
28	low	f	2	2	2	0	INC-571740f788
29	low	f	3	3	3	0	INC-c0de851e47
30	medium	f	5	5	4	1	INC-131acf6ba7
31	low	f	2	2	2	0	INC-f9851506cc
32	low	f	2	2	2	0	INC-23f6e9f16c
33	medium	f	8	8	5	2	INC-febab239ee
\.


--
-- Data for Name: findingfirstseen; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.findingfirstseen (messagekey, runid) FROM stdin;
20250306003000.02e3032f34@mail.corp.example	1
20250306064500.61eec1ac6e@mail.corp.example	1
20250307010000.7208da6df3@mail.corp.example	1
20250307042000.9a36576d14@mail.corp.example	1
20250307080500.acf8b16e6b@mail.corp.example	1
20250310031000.ce4ec9594e@mail.corp.example	1
20250310085500.449ff6d260@mail.corp.example	1
20250310220000.ffc0e3ddc4@mail.corp.example	1
20250311110000.22133b1136@mail.corp.example	1
20250312010000.9678481990@mail.corp.example	1
20250312060000.3672a48124@mail.corp.example	1
20250313004000.9e87b380b9@mail.corp.example	1
20250313022500.1eba1d1a52@mail.corp.example	1
20250313130000.f405d92694@mail.corp.example	1
20250314010000.d358519d14@mail.corp.example	1
20250316003000.fc12b6cd91@mail.corp.example	1
20250317000000.df979d8d58@mail.corp.example	1
20250317043000.d73f11d446@mail.corp.example	1
20250317234500.86c4e1adfe@mail.corp.example	1
20250318072000.ad936fcbed@mail.corp.example	1
20250312020000.bddddaecb8@mail.corp.example	1
20250319040000.e24a5a32c9@mail.corp.example	1
sha256:a6e1f7d500020600a754e5aa2a6056ec4c4bd6045b06770743d93668a3e1313a	1
20250320011000.2130c98b4b@mail.corp.example	1
20250320063000.82163498aa@mail.corp.example	1
20250321000500.994e49fae8@mail.corp.example	1
20250321010000.8b42e208d6@mail.corp.example	1
\.


--
-- Data for Name: findinglink; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.findinglink (link, messagerowid) FROM stdin;
-7724106227083927089	9
8127957150927741240	31
4549897297663140296	7
-8569019198756210311	31
3615294223556719515	17
-8355539459595533672	11
5646611821563745741	29
-3979364070556206831	28
-439693072786844414	22
-8292076335207526969	16
-6521897288863601719	20
-7667287515437616804	27
-7641845664090308936	24
-3966859613570374231	12
5043010898911339048	17
-3011210665160462155	33
591626118979414503	33
-6912836167896671213	14
-5128135055896786505	20
-7898343317094819843	19
-6238688472550436554	19
4982558766878137558	30
-1691318780563035000	21
2233119663731676934	23
-7641845664090308936	33
7918798232914056336	12
6488663258889188764	29
778289565570503780	10
-852719402357287776	32
-6789267143770457826	30
-409245032983337773	27
-3539814457383722824	16
61566976690306862	13
-3828611137185627918	22
-7868602055568816859	9
-7641845664090308936	25
-3765514484224400225	16
6077245493580740133	11
8845657431640708413	14
2320968889032925436	8
-8675576874757269811	12
-3828611137185627918	21
7363791455542142829	28
8469445260440963756	9
-482472186949761449	26
-541328035958640458	15
-2629384103488353824	31
-3864440498146261160	27
3558406115273515701	15
6758659002787979180	22
3087172287808999915	18
-177045209361646823	13
-680048279325052295	18
-275481803429493009	14
3980159442631619401	26
9163045026290387077	21
3623112316989803999	25
8023990410150540681	8
-2880443035691848539	10
-1691318780563035000	22
-6825288250865270621	10
6537590188871173351	7
-3011210665160462155	25
-5333237804109454161	8
-3011210665160462155	23
-7175654515566000514	11
1301942813175605009	18
-2710890424804101304	32
-1629757638640566371	30
-8127341504687297714	28
-7641845664090308936	23
457245139742631617	19
7175386938389416020	26
7503102686736254016	20
-7961019633351043875	24
2016830005024775579	7
134485484789694418	15
1431243438638212263	13
-8990300897593881213	17
-2896745544415914399	32
-5789900128863889911	18
-3011210665160462155	24
6288338101180620869	22
\.


--
-- Data for Name: followup; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.followup (incidentid, address, status, note, updatedat) FROM stdin;
\.


--
-- Data for Name: followuptrail; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.followuptrail (id, incidentid, address, oldstatus, newstatus, note, changedby, changedat, source) FROM stdin;
\.


--
-- Data for Name: imapfolderstate; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.imapfolderstate (account, folder, uidvalidity, highestuid, lastrunid) FROM stdin;
\.


--
-- Data for Name: incident; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.incident (id, people, personalcount, parties, messages, firstsent, lastsent, severity) FROM stdin;
INC-a85b194396	120	30	62	1	1741644000	1741644000	critical
INC-55d3e39ff9	100	0	25	1	1741690800	1741690800	critical
INC-250d0b9498	99	19	51	1	1741759200	1741759200	high
INC-9b62d68b71	25	20	22	1	1741741200	1741741200	critical
INC-415d56e393	24	6	15	3	1742169600	1742255100	high
INC-03565e1c06	20	0	10	1	1741596900	1741596900	high
INC-c0004039a6	19	4	12	1	1741334700	1741334700	medium
INC-febab239ee	8	2	5	1	1742518800	1742518800	medium
INC-0ec2b88c51	7	0	5	2	1741914000	1742085000	medium
INC-131acf6ba7	5	1	4	1	1742433000	1742433000	medium
INC-d566e513a3	5	0	3	1	1741309200	1741309200	medium
INC-f3df915eec	5	5	5	1	1741576200	1741576200	high
INC-157784d81d	4	1	4	1	1741243500	1741243500	low
INC-5e3d3e1477	4	1	3	1	1741744800	1741744800	low
INC-4416c5a1a2	3	3	3	1	1741321200	1741321200	medium
INC-7e9e212784	3	1	3	1	1741870800	1741870800	low
INC-8dfe2f006f	3	1	3	1	1741832700	1741832700	low
INC-c0de851e47	3	0	3	1	1742420700	1742420700	low
INC-e8b6d7367c	3	1	3	1	1742282400	1742282400	low
INC-f1ab3a75e4	3	0	3	1	1741826400	1741826400	low
INC-1ca69be85f	2	0	2	1	1741221000	1741221000	low
INC-23f6e9f16c	2	0	2	1	1742515500	1742515500	low
INC-571740f788	2	0	2	1	1742356800	1742356800	low
INC-f9851506cc	2	0	2	1	1742452200	1742452200	low
\.


--
-- Data for Name: incidentfirstseen; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.incidentfirstseen (id, runid) FROM stdin;
INC-a85b194396	1
INC-55d3e39ff9	1
INC-250d0b9498	1
INC-9b62d68b71	1
INC-415d56e393	1
INC-03565e1c06	1
INC-c0004039a6	1
INC-febab239ee	1
INC-0ec2b88c51	1
INC-131acf6ba7	1
INC-d566e513a3	1
INC-f3df915eec	1
INC-157784d81d	1
INC-5e3d3e1477	1
INC-4416c5a1a2	1
INC-7e9e212784	1
INC-8dfe2f006f	1
INC-c0de851e47	1
INC-e8b6d7367c	1
INC-f1ab3a75e4	1
INC-1ca69be85f	1
INC-23f6e9f16c	1
INC-571740f788	1
INC-f9851506cc	1
\.


--
-- Data for Name: location; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.location (id, messagerowid, format, mailbox, file, "offset", length, firstrunid, identity, goneinrun) FROM stdin;
1	1	mbox	Samples/Sent.mbox	Samples/Sent.mbox	0	592	1	Samples/Sent.mbox@0	\N
2	2	mbox	Samples/Sent.mbox	Samples/Sent.mbox	592	5157	1	Samples/Sent.mbox@592	\N
3	3	mbox	Samples/Sent.mbox	Samples/Sent.mbox	5749	668	1	Samples/Sent.mbox@5749	\N
4	4	mbox	Samples/Sent.mbox	Samples/Sent.mbox	6417	552	1	Samples/Sent.mbox@6417	\N
5	5	mbox	Samples/Sent.mbox	Samples/Sent.mbox	6969	2290	1	Samples/Sent.mbox@6969	\N
6	6	mbox	Samples/Sent.mbox	Samples/Sent.mbox	9259	2371	1	Samples/Sent.mbox@9259	\N
7	7	mbox	Samples/Sent.mbox	Samples/Sent.mbox	11630	3413	1	Samples/Sent.mbox@11630	\N
8	8	mbox	Samples/Sent.mbox	Samples/Sent.mbox	15043	745	1	Samples/Sent.mbox@15043	\N
9	9	mbox	Samples/Sent.mbox	Samples/Sent.mbox	15788	792	1	Samples/Sent.mbox@15788	\N
10	10	mbox	Samples/Sent.mbox	Samples/Sent.mbox	16580	624	1	Samples/Sent.mbox@16580	\N
11	11	mbox	Samples/Sent.mbox	Samples/Sent.mbox	17204	1289	1	Samples/Sent.mbox@17204	\N
12	12	mbox	Samples/Sent.mbox	Samples/Sent.mbox	18493	647	1	Samples/Sent.mbox@18493	\N
13	13	mbox	Samples/Sent.mbox	Samples/Sent.mbox	19140	1526	1	Samples/Sent.mbox@19140	\N
14	14	mbox	Samples/Sent.mbox	Samples/Sent.mbox	20666	5951	1	Samples/Sent.mbox@20666	\N
15	15	mbox	Samples/Sent.mbox	Samples/Sent.mbox	26617	3878	1	Samples/Sent.mbox@26617	\N
16	16	mbox	Samples/Sent.mbox	Samples/Sent.mbox	30495	1381	1	Samples/Sent.mbox@30495	\N
17	17	mbox	Samples/Sent.mbox	Samples/Sent.mbox	31876	3857	1	Samples/Sent.mbox@31876	\N
18	18	mbox	Samples/Sent.mbox	Samples/Sent.mbox	35733	790	1	Samples/Sent.mbox@35733	\N
19	19	mbox	Samples/Sent.mbox	Samples/Sent.mbox	36523	707	1	Samples/Sent.mbox@36523	\N
20	20	mbox	Samples/Sent.mbox	Samples/Sent.mbox	37230	619	1	Samples/Sent.mbox@37230	\N
21	21	mbox	Samples/Sent.mbox	Samples/Sent.mbox	37849	4444	1	Samples/Sent.mbox@37849	\N
22	22	mbox	Samples/Sent.mbox	Samples/Sent.mbox	42293	966	1	Samples/Sent.mbox@42293	\N
23	23	mbox	Samples/Sent.mbox	Samples/Sent.mbox	43259	875	1	Samples/Sent.mbox@43259	\N
24	24	mbox	Samples/Sent.mbox	Samples/Sent.mbox	44134	856	1	Samples/Sent.mbox@44134	\N
25	25	mbox	Samples/Sent.mbox	Samples/Sent.mbox	44990	875	1	Samples/Sent.mbox@44990	\N
26	26	mbox	Samples/Sent.mbox	Samples/Sent.mbox	45865	681	1	Samples/Sent.mbox@45865	\N
27	27	mbox	Samples/Sent.mbox	Samples/Sent.mbox	46546	6942	1	Samples/Sent.mbox@46546	\N
28	28	mbox	Samples/Sent.mbox	Samples/Sent.mbox	53488	550	1	Samples/Sent.mbox@53488	\N
29	29	mbox	Samples/Sent.mbox	Samples/Sent.mbox	54038	566	1	Samples/Sent.mbox@54038	\N
30	30	mbox	Samples/Sent.mbox	Samples/Sent.mbox	54604	922	1	Samples/Sent.mbox@54604	\N
31	31	mbox	Samples/Sent.mbox	Samples/Sent.mbox	55526	548	1	Samples/Sent.mbox@55526	\N
32	32	mbox	Samples/Sent.mbox	Samples/Sent.mbox	56074	584	1	Samples/Sent.mbox@56074	\N
33	33	mbox	Samples/Sent.mbox	Samples/Sent.mbox	56658	863	1	Samples/Sent.mbox@56658	\N
34	28	mbox	Samples/Sent.mbox	Samples/Sent.mbox	57521	550	1	Samples/Sent.mbox@57521	\N
\.


--
-- Data for Name: mailboxowner; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.mailboxowner (mailbox, owner, firstrunid) FROM stdin;
\.


--
-- Data for Name: maskingkey; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.maskingkey (id, key, createdat) FROM stdin;
1	\\xa1055af52f6433c592de7b48017a2cb2b98e72f2472f54bf4fa9c82ebea1ae2b	2026-12-01T05:48:30+00:00
\.


--
-- Data for Name: message; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.message (id, key, messageid, headersha256, dateepoch, dateoffset, sender, sendername, senderdomain, subject, inreplyto, referenceids, recipients, visiblecount, bcccount, firstrunid, labels) FROM stdin;
1	20250303001200.21ad4cf97e@mail.corp.example	20250303001200.21ad4cf97e@mail.corp.example	7b4dd656d5159e266d428dfb6c49898037e9bb5b712f8cb235f25963f3e6da71	1740960720	32400	suzuki.kenji@corp.example	Suzuki Kenji	corp.example	Weekly sales meeting agenda			ito.misaki@jp.corp.exampleIto Misakikato.yui@corp.exampleKato Yuisales-team@corp.example	3	0	1	\N
2	20250303013000.ca11413c4a@mail.corp.example	20250303013000.ca11413c4a@mail.corp.example	36a5dd7649160b4ef4502cbe6e99c063c52f73441a990467a3a8bfc40b79199a	1740965400	32400	suzuki.kenji@corp.example	Suzuki Kenji	corp.example	Quotation for 2025 maintenance			tanaka.hanako@acme.exampleTanaka Hanakokato.yui@corp.exampleKato Yui	2	0	1	\N
3	20250304050500.93ef3d8a80@mail.corp.example	20250304050500.93ef3d8a80@mail.corp.example	c60e40abf6bdc33aa968f4fba872650f76a87ab25daeefc698b21d9bc34de557	1741064700	32400	suzuki.kenji@corp.example	Suzuki Kenji	corp.example	Kick-off for the inventory system upgrade			suzuki.taro@acme.exampleSuzuki Tarotakahashi.yui@sales.acme.exampleTakahashi Yuiito.misaki@jp.corp.exampleIto Misakikato.yui@corp.exampleKato Yui	4	0	1	\N
4	20250304074000.abf9740b04@mail.corp.example	20250304074000.abf9740b04@mail.corp.example	10ba5d82bea20f7f7d1597c1abaa4d1d1424d0ad39585a0c34316e95275ebbb0	1741074000	32400	watanabe.ren@jp.corp.example	Watanabe Ren	jp.corp.example	Your repair request #4521			watanabe.ren.sample@gmail.comsales-team@corp.example	2	0	1	\N
5	20250305020000.5d2077f944@mail.corp.example	20250305020000.5d2077f944@mail.corp.example	09159e5e8c80d8072857bbdb737d22c46fcad8442cdf732ad1086028ad08bb55	1741140000	32400	ito.misaki@jp.corp.example	Ito Misaki	jp.corp.example	Office relocation notice				0	40	1	\N
6	20250305221500.9c3c70e586@mail.corp.example	20250305221500.9c3c70e586@mail.corp.example	20e00e46fa21c53d82a0a93137e29cc8ef8e5893a0778f6e17b40aea930ad2e2	1741212900	-14400	mark.ellis@us.corp.example	Mark Ellis	us.corp.example	Holiday schedule for the support desk			mark.ellis@us.corp.exampleMark Ellis	1	40	1	\N
7	20250306003000.02e3032f34@mail.corp.example	20250306003000.02e3032f34@mail.corp.example	cc66daba0f0be5afede50bdc5e47752365db54f16be74260dca08a0fa9fc7525	1741221000	32400	suzuki.kenji@corp.example	Suzuki Kenji	corp.example	Minutes of the joint review			ogawa.ryo@acme.exampleOgawa Ryookada.ai@globex.exampleOkada Aikato.yui@corp.exampleKato Yui	3	0	1	\N
8	20250306064500.61eec1ac6e@mail.corp.example	20250306064500.61eec1ac6e@mail.corp.example	49d223b6da3ddfe71575f022a679980a584be45c8049162f67f05f801f3b1876	1741243500	32400	kato.yui@corp.example	Kato Yui	corp.example	Seminar follow-up materials			hasegawa.kenta@acme.exampleHasegawa Kentafujita.yuki@globex.exampleFujita Yukigoto.hanako@initech.exampleGoto Hanakokondo.taro.sample@outlook.com	4	0	1	\N
9	20250307010000.7208da6df3@mail.corp.example	20250307010000.7208da6df3@mail.corp.example	ea372d75ad6835f21545ac172d58a5b1da2ae7b609cc96fd739a80a837f641d4	1741309200	32400	suzuki.kenji@corp.example	Suzuki Kenji	corp.example	Renewal of maintenance contract			tanaka.ren@umbrella.exampleTanaka Rensuzuki.haruto@hooli.exampleSuzuki Harutotakahashi.sakura@wonka.exampleTakahashi Sakurawatanabe.kenji@umbrella.exampleWatanabe Kenjiito.misaki@hooli.exampleIto Misaki	5	2	1	\N
10	20250307042000.9a36576d14@mail.corp.example	20250307042000.9a36576d14@mail.corp.example	70cc1558a7fde2175f8fab5f48d7161c5ca3eea32f7f9a92a2403b4a29520475	1741321200	32400	watanabe.ren@jp.corp.example	Watanabe Ren	jp.corp.example	Product tester meetup			nakamura.aoi.sample@gmail.comkobayashi.sota.sample@yahoo.co.jpkato.mei.sample@docomo.ne.jpito.misaki@jp.corp.exampleIto Misaki	4	0	1	\N
11	20250307080500.acf8b16e6b@mail.corp.example	20250307080500.acf8b16e6b@mail.corp.example	1d7e54e9155cfc19bbb0f89beddeeab0252fbc2c3201478e0a02a143f9188d7c	1741334700	32400	ito.misaki@jp.corp.example	Ito Misaki	jp.corp.example	Dealer price list update			yoshida.riku@acme.exampleYoshida Rikuyamada.yuna@globex.exampleYamada Yunasasaki.kaito@initech.exampleSasaki Kaitoyamaguchi.hina@umbrella.exampleYamaguchi Hinamatsumoto.yuto@hooli.exampleMatsumoto Yutoinoue.mio@acme.exampleInoue Miokimura.takumi@globex.exampleKimura Takumihayashi.rin@initech.exampleHayashi Rinshimizu.sho@umbrella.exampleShimizu Shoyamazaki.nana@hooli.exampleYamazaki Nanamori.kazuki@wonka.exampleMori Kazukiabe.emi@kitakaze-shoji.exampleAbe Emiikeda.shun@sakura-denki.exampleIkeda Shunhashimoto.saki@wonka.exampleHashimoto Sakiishikawa.ryo@kitakaze-shoji.exampleIshikawa Ryoogawa.ai.sample@gmail.comokada.kenta.sample@yahoo.co.jphasegawa.yuki.sample@docomo.ne.jpfujita.hanako.sample@outlook.com	19	0	1	\N
12	20250310031000.ce4ec9594e@mail.corp.example	20250310031000.ce4ec9594e@mail.corp.example	1c0bbcfcf0ff3988d582c28fdb82dd1a25f71ae3005c1dc1155c2f6d79c9e23d	1741576200	32400	watanabe.ren@jp.corp.example	Watanabe Ren	jp.corp.example	Beta programme welcome			yamazaki.kazuki.sample@gmail.commori.emi.sample@yahoo.co.jpabe.shun.sample@docomo.ne.jpikeda.saki.sample@outlook.comhashimoto.ryo.sample@ezweb.ne.jp	5	0	1	\N
13	20250310085500.449ff6d260@mail.corp.example	20250310085500.449ff6d260@mail.corp.example	376e63a67908f9061d58898ffa284e418a19fa2eb476be3325d4c1feac69dadc	1741596900	0	oliver.grant@uk.corp.example	Oliver Grant	uk.corp.example	Distributor conference: travel details			goto.taro@minato-foods.exampleGoto Tarokondo.yui@hikari-systems.exampleKondo Yuitanaka.haruto@aozora-trading.exampleTanaka Harutosuzuki.sakura@momiji-pharma.exampleSuzuki Sakuratakahashi.kenji@tsubame-kogyo.exampleTakahashi Kenjiwatanabe.misaki@kawasemi-bank.exampleWatanabe Misakiito.daiki@hoshizora-ins.exampleIto Daikiyamamoto.aoi@yamabiko-tech.exampleYamamoto Aoinakamura.sota@shinonome-print.exampleNakamura Sotakobayashi.mei@ginga-soft.exampleKobayashi Meikato.riku@minato-foods.exampleKato Rikuyoshida.yuna@hikari-systems.exampleYoshida Yunayamada.kaito@aozora-trading.exampleYamada Kaitosasaki.hina@momiji-pharma.exampleSasaki Hinayamaguchi.yuto@tsubame-kogyo.exampleYamaguchi Yutomatsumoto.mio@kawasemi-bank.exampleMatsumoto Mioinoue.takumi@hoshizora-ins.exampleInoue Takumikimura.rin@yamabiko-tech.exampleKimura Rinhayashi.sho@shinonome-print.exampleHayashi Shoshimizu.nana@ginga-soft.exampleShimizu Nana	20	0	1	\N
14	20250310220000.ffc0e3ddc4@mail.corp.example	20250310220000.ffc0e3ddc4@mail.corp.example	bc25e399246ba69c625727d601bda6a8f8e3d47c5c796952094bbe3c7c83d2a5	1741644000	32400	news@corp.example	Corp Example News	corp.example	Corp Example customer newsletter, March 2025			ogawa.ryo@acme.exampleOgawa Ryookada.ai@globex.exampleOkada Ainakamura.aoi.sample@gmail.comkobayashi.sota.sample@yahoo.co.jpkato.mei.sample@docomo.ne.jpishikawa.ai@acme.exampleIshikawa Aiogawa.kenta@globex.exampleOgawa Kentaokada.yuki@initech.exampleOkada Yukihasegawa.hanako@umbrella.exampleHasegawa Hanakofujita.taro@hooli.exampleFujita Tarogoto.yui@wonka.exampleGoto Yuikondo.ren@kitakaze-shoji.exampleKondo Rentanaka.sakura@sakura-denki.exampleTanaka Sakurasuzuki.kenji@minato-foods.exampleSuzuki Kenjitakahashi.misaki@hikari-systems.exampleTakahashi Misakiwatanabe.daiki@aozora-trading.exampleWatanabe Daikiito.aoi@momiji-pharma.exampleIto Aoiyamamoto.sota@tsubame-kogyo.exampleYamamoto Sotanakamura.mei@kawasemi-bank.exampleNakamura Meikobayashi.riku@hoshizora-ins.exampleKobayashi Rikukato.yuna@yamabiko-tech.exampleKato Yunayoshida.kaito@shinonome-print.exampleYoshida Kaitoyamada.hina@ginga-soft.exampleYamada Hinasasaki.yuto@kumo-design.exampleSasaki Yutoyamaguchi.mio@nagisa-hotel.exampleYamaguchi Miomatsumoto.takumi@tokiwa-steel.exampleMatsumoto Takumiinoue.rin@hibari-books.exampleInoue Rinkimura.sho@midori-farm.exampleKimura Shohayashi.nana@kasumi-clinic.exampleHayashi Nanashimizu.kazuki@sazanami-marine.exampleShimizu Kazukiyamazaki.emi@inaho-rice.exampleYamazaki Emimori.shun@fuyu-apparel.exampleMori Shunabe.saki@kirin-motors.exampleAbe Sakiikeda.ryo@tsukimi-cafe.exampleIkeda Ryohashimoto.ai@hotaru-lighting.exampleHashimoto Aiishikawa.kenta@kaede-architects.exampleIshikawa Kentaogawa.yuki@ayame-cosmetics.exampleOgawa Yukiokada.hanako@acme.exampleOkada Hanakohasegawa.taro@globex.exampleHasegawa Tarofujita.yui@initech.exampleFujita Yuigoto.ren@umbrella.exampleGoto Renkondo.haruto@hooli.exampleKondo Harutotanaka.kenji@wonka.exampleTanaka Kenjisuzuki.misaki@kitakaze-shoji.exampleSuzuki Misakitakahashi.daiki@sakura-denki.exampleTakahashi Daikiwatanabe.aoi@minato-foods.exampleWatanabe Aoiito.sota@hikari-systems.exampleIto Sotayamamoto.mei@aozora-trading.exampleYamamoto Meinakamura.riku@momiji-pharma.exampleNakamura Rikukobayashi.yuna@tsubame-kogyo.exampleKobayashi Yunakato.kaito@kawasemi-bank.exampleKato Kaitoyoshida.hina@hoshizora-ins.exampleYoshida Hinayamada.yuto@yamabiko-tech.exampleYamada Yutosasaki.mio@shinonome-print.exampleSasaki Mioyamaguchi.takumi@ginga-soft.exampleYamaguchi Takumimatsumoto.rin@kumo-design.exampleMatsumoto Rininoue.sho@nagisa-hotel.exampleInoue Shokimura.nana@tokiwa-steel.exampleKimura Nanahayashi.kazuki@hibari-books.exampleHayashi Kazukishimizu.emi@midori-farm.exampleShimizu Emiyamazaki.shun@kasumi-clinic.exampleYamazaki Shunmori.saki@sazanami-marine.exampleMori Sakiabe.ryo@inaho-rice.exampleAbe Ryoikeda.ai@fuyu-apparel.exampleIkeda Aihashimoto.kenta@kirin-motors.exampleHashimoto Kentaishikawa.yuki@tsukimi-cafe.exampleIshikawa Yukiogawa.hanako@hotaru-lighting.exampleOgawa Hanakookada.taro@kaede-architects.exampleOkada Tarohasegawa.yui@ayame-cosmetics.exampleHasegawa Yuifujita.ren@acme.exampleFujita Rengoto.haruto@globex.exampleGoto Harutokondo.sakura@initech.exampleKondo Sakuratanaka.misaki@umbrella.exampleTanaka Misakisuzuki.daiki@hooli.exampleSuzuki Daikitakahashi.aoi@wonka.exampleTakahashi Aoiwatanabe.sota@kitakaze-shoji.exampleWatanabe Sotaito.mei@sakura-denki.exampleIto Meiyamamoto.riku@minato-foods.exampleYamamoto Rikunakamura.yuna@hikari-systems.exampleNakamura Yunakobayashi.kaito@aozora-trading.exampleKobayashi Kaitokato.hina@momiji-pharma.exampleKato Hinayoshida.yuto@tsubame-kogyo.exampleYoshida Yutoyamada.mio@kawasemi-bank.exampleYamada Miosasaki.takumi@hoshizora-ins.exampleSasaki Takumiyamaguchi.rin@yamabiko-tech.exampleYamaguchi Rinmatsumoto.sho@shinonome-print.exampleMatsumoto Shoinoue.nana@ginga-soft.exampleInoue Nanakimura.kazuki@kumo-design.exampleKimura Kazukihayashi.emi@nagisa-hotel.exampleHayashi Emishimizu.shun@tokiwa-steel.exampleShimizu Shunyamazaki.saki@hibari-books.exampleYamazaki Sakimori.ryo@midori-farm.exampleMori Ryoabe.ai@kasumi-clinic.exampleAbe Aiikeda.kenta.sample@gmail.comhashimoto.yuki.sample@yahoo.co.jpishikawa.hanako.sample@docomo.ne.jpogawa.taro.sample@outlook.comokada.yui.sample@ezweb.ne.jphasegawa.ren.sample@icloud.comfujita.haruto.sample@softbank.ne.jpgoto.sakura.sample@hotmail.co.jpkondo.kenji.sample@nifty.comtanaka.daiki.sample@outlook.jpsuzuki.aoi.sample@gmail.comtakahashi.sota.sample@yahoo.co.jpwatanabe.mei.sample@docomo.ne.jpito.riku.sample@outlook.comyamamoto.yuna.sample@ezweb.ne.jpnakamura.kaito.sample@icloud.comkobayashi.hina.sample@softbank.ne.jpkato.yuto.sample@hotmail.co.jpyoshida.mio.sample@nifty.comyamada.takumi.sample@outlook.jpsasaki.rin.sample@gmail.comyamaguchi.sho.sample@yahoo.co.jpmatsumoto.nana.sample@docomo.ne.jpinoue.kazuki.sample@outlook.comkimura.emi.sample@ezweb.ne.jphayashi.shun.sample@icloud.comshimizu.saki.sample@softbank.ne.jp	120	1	1	\N
24	20250317043000.d73f11d446@mail.corp.example	20250317043000.d73f11d446@mail.corp.example	43b5face57e15caaecd317d1f37ff4c5649792bc532f68dfa040ec8433e5afb6	1742185800	32400	ito.misaki@jp.corp.example	Ito Misaki	jp.corp.example	Invitation: Spring partner seminar 2025			ishikawa.aoi@shinonome-print.exampleIshikawa Aoiogawa.sota@ginga-soft.exampleOgawa Sotaokada.mei@kumo-design.exampleOkada Meihasegawa.riku@shinonome-print.exampleHasegawa Rikufujita.yuna@ginga-soft.exampleFujita Yunagoto.kaito@kumo-design.exampleGoto Kaitokondo.hina.sample@gmail.comtanaka.mio.sample@yahoo.co.jp	8	0	1	\N
15	20250311110000.22133b1136@mail.corp.example	20250311110000.22133b1136@mail.corp.example	cf79841a645673a01af852517b5c5cfcf46a6ba4d3880b94df116e3bb716abd4	1741690800	19800	priya.nair@in.corp.example	Priya Nair	in.corp.example	Webinar access links			yamazaki.ryo@acme.examplemori.ai@globex.exampleabe.kenta@initech.exampleikeda.yuki@umbrella.examplehashimoto.hanako@hooli.exampleishikawa.taro@wonka.exampleogawa.yui@kitakaze-shoji.exampleokada.ren@sakura-denki.examplehasegawa.haruto@minato-foods.examplefujita.sakura@hikari-systems.examplegoto.kenji@aozora-trading.examplekondo.misaki@momiji-pharma.exampletanaka.aoi@tsubame-kogyo.examplesuzuki.sota@kawasemi-bank.exampletakahashi.mei@hoshizora-ins.examplewatanabe.riku@yamabiko-tech.exampleito.yuna@shinonome-print.exampleyamamoto.kaito@ginga-soft.examplenakamura.hina@kumo-design.examplekobayashi.yuto@nagisa-hotel.examplekato.mio@tokiwa-steel.exampleyoshida.takumi@hibari-books.exampleyamada.rin@midori-farm.examplesasaki.sho@kasumi-clinic.exampleyamaguchi.nana@sazanami-marine.examplematsumoto.kazuki@acme.exampleinoue.emi@globex.examplekimura.shun@initech.examplehayashi.saki@umbrella.exampleshimizu.ryo@hooli.exampleyamazaki.ai@wonka.examplemori.kenta@kitakaze-shoji.exampleabe.yuki@sakura-denki.exampleikeda.hanako@minato-foods.examplehashimoto.taro@hikari-systems.exampleishikawa.yui@aozora-trading.exampleogawa.ren@momiji-pharma.exampleokada.haruto@tsubame-kogyo.examplehasegawa.sakura@kawasemi-bank.examplefujita.kenji@hoshizora-ins.examplegoto.misaki@yamabiko-tech.examplekondo.daiki@shinonome-print.exampletanaka.sota@ginga-soft.examplesuzuki.mei@kumo-design.exampletakahashi.riku@nagisa-hotel.examplewatanabe.yuna@tokiwa-steel.exampleito.kaito@hibari-books.exampleyamamoto.hina@midori-farm.examplenakamura.yuto@kasumi-clinic.examplekobayashi.mio@sazanami-marine.examplekato.takumi@acme.exampleyoshida.rin@globex.exampleyamada.sho@initech.examplesasaki.nana@umbrella.exampleyamaguchi.kazuki@hooli.examplematsumoto.emi@wonka.exampleinoue.shun@kitakaze-shoji.examplekimura.saki@sakura-denki.examplehayashi.ryo@minato-foods.exampleshimizu.ai@hikari-systems.exampleyamazaki.kenta@aozora-trading.examplemori.yuki@momiji-pharma.exampleabe.hanako@tsubame-kogyo.exampleikeda.taro@kawasemi-bank.examplehashimoto.yui@hoshizora-ins.exampleishikawa.ren@yamabiko-tech.exampleogawa.haruto@shinonome-print.exampleokada.sakura@ginga-soft.examplehasegawa.kenji@kumo-design.examplefujita.misaki@nagisa-hotel.examplegoto.daiki@tokiwa-steel.examplekondo.aoi@hibari-books.exampletanaka.mei@midori-farm.examplesuzuki.riku@kasumi-clinic.exampletakahashi.yuna@sazanami-marine.examplewatanabe.kaito@acme.exampleito.hina@globex.exampleyamamoto.yuto@initech.examplenakamura.mio@umbrella.examplekobayashi.takumi@hooli.examplekato.rin@wonka.exampleyoshida.sho@kitakaze-shoji.exampleyamada.nana@sakura-denki.examplesasaki.kazuki@minato-foods.exampleyamaguchi.emi@hikari-systems.examplematsumoto.shun@aozora-trading.exampleinoue.saki@momiji-pharma.examplekimura.ryo@tsubame-kogyo.examplehayashi.ai@kawasemi-bank.exampleshimizu.kenta@hoshizora-ins.exampleyamazaki.yuki@yamabiko-tech.examplemori.hanako@shinonome-print.exampleabe.taro@ginga-soft.exampleikeda.yui@kumo-design.examplehashimoto.ren@nagisa-hotel.exampleishikawa.haruto@tokiwa-steel.exampleogawa.sakura@hibari-books.exampleokada.kenji@midori-farm.examplehasegawa.misaki@kasumi-clinic.examplefujita.daiki@sazanami-marine.example	100	0	1	\N
16	20250312010000.9678481990@mail.corp.example	20250312010000.9678481990@mail.corp.example	3e81d12e1648018ed545d741b5f81fc0ebb259e47f7e183d32d4334cd4f11866	1741741200	32400	watanabe.ren@jp.corp.example	Watanabe Ren	jp.corp.example	Owners' club spring event			goto.aoi.sample@gmail.comkondo.sota.sample@yahoo.co.jptanaka.riku.sample@docomo.ne.jpsuzuki.yuna.sample@outlook.comtakahashi.kaito.sample@ezweb.ne.jpwatanabe.hina.sample@icloud.comito.yuto.sample@softbank.ne.jpyamamoto.mio.sample@hotmail.co.jpnakamura.takumi.sample@nifty.comkobayashi.rin.sample@outlook.jpkato.sho.sample@gmail.comyoshida.nana.sample@yahoo.co.jpyamada.kazuki.sample@docomo.ne.jpsasaki.emi.sample@outlook.comyamaguchi.shun.sample@ezweb.ne.jpmatsumoto.saki.sample@icloud.cominoue.ryo.sample@softbank.ne.jpkimura.ai.sample@hotmail.co.jphayashi.kenta.sample@nifty.comshimizu.yuki.sample@outlook.jpyamazaki.hanako@kumo-design.exampleYamazaki Hanakomori.taro@nagisa-hotel.exampleMori Taroabe.yui@kumo-design.exampleAbe Yuiikeda.ren@nagisa-hotel.exampleIkeda Renhashimoto.haruto@kumo-design.exampleHashimoto Haruto	25	0	1	\N
17	20250312060000.3672a48124@mail.corp.example	20250312060000.3672a48124@mail.corp.example	b88591b0bd2b5ad82f533a9c12b0203fc6308a3a8a95ce79dd9c07d8781cdad1	1741759200	32400	ito.misaki@jp.corp.example	Ito Misaki	jp.corp.example	Spring campaign announcement			ishikawa.sakura@acme.exampleogawa.kenji@globex.exampleokada.misaki@initech.examplehasegawa.daiki@umbrella.examplefujita.aoi@hooli.examplegoto.sota@wonka.examplekondo.mei@kitakaze-shoji.exampletanaka.yuna@sakura-denki.examplesuzuki.kaito@minato-foods.exampletakahashi.hina@hikari-systems.examplewatanabe.yuto@aozora-trading.exampleito.mio@momiji-pharma.exampleyamamoto.takumi@tsubame-kogyo.examplenakamura.rin@kawasemi-bank.examplekobayashi.sho@hoshizora-ins.examplekato.nana@yamabiko-tech.exampleyoshida.kazuki@shinonome-print.exampleyamada.emi@ginga-soft.examplesasaki.shun@kumo-design.exampleyamaguchi.saki@nagisa-hotel.examplematsumoto.ryo@tokiwa-steel.exampleinoue.ai@hibari-books.examplekimura.kenta@midori-farm.examplehayashi.yuki@kasumi-clinic.exampleshimizu.hanako@sazanami-marine.exampleyamazaki.taro@inaho-rice.examplemori.yui@fuyu-apparel.exampleabe.ren@kirin-motors.exampleikeda.haruto@tsukimi-cafe.examplehashimoto.sakura@hotaru-lighting.exampleishikawa.kenji@kaede-architects.exampleogawa.misaki@ayame-cosmetics.exampleokada.daiki@acme.examplehasegawa.aoi@globex.examplefujita.sota@initech.examplegoto.mei@umbrella.examplekondo.riku@hooli.exampletanaka.kaito@wonka.examplesuzuki.hina@kitakaze-shoji.exampletakahashi.yuto@sakura-denki.examplewatanabe.mio@minato-foods.exampleito.takumi@hikari-systems.exampleyamamoto.rin@aozora-trading.examplenakamura.sho@momiji-pharma.examplekobayashi.nana@tsubame-kogyo.examplekato.kazuki@kawasemi-bank.exampleyoshida.emi@hoshizora-ins.exampleyamada.shun@yamabiko-tech.examplesasaki.saki@shinonome-print.exampleyamaguchi.ryo@ginga-soft.examplematsumoto.ai@kumo-design.exampleinoue.kenta@nagisa-hotel.examplekimura.yuki@tokiwa-steel.examplehayashi.hanako@hibari-books.exampleshimizu.taro@midori-farm.exampleyamazaki.yui@kasumi-clinic.examplemori.ren@sazanami-marine.exampleabe.haruto@inaho-rice.exampleikeda.sakura@fuyu-apparel.examplehashimoto.kenji@kirin-motors.exampleishikawa.misaki@tsukimi-cafe.exampleogawa.daiki@hotaru-lighting.exampleokada.aoi@kaede-architects.examplehasegawa.sota@ayame-cosmetics.examplefujita.mei@acme.examplegoto.riku@globex.examplekondo.yuna@initech.exampletanaka.hina@umbrella.examplesuzuki.yuto@hooli.exampletakahashi.mio@wonka.examplewatanabe.takumi@kitakaze-shoji.exampleito.rin@sakura-denki.exampleyamamoto.sho@minato-foods.examplenakamura.nana@hikari-systems.examplekobayashi.kazuki@aozora-trading.examplekato.emi@momiji-pharma.exampleyoshida.shun@tsubame-kogyo.exampleyamada.saki@kawasemi-bank.examplesasaki.ryo@hoshizora-ins.exampleyamaguchi.ai@yamabiko-tech.examplematsumoto.kenta.sample@gmail.cominoue.yuki.sample@yahoo.co.jpkimura.hanako.sample@docomo.ne.jphayashi.taro.sample@outlook.comshimizu.yui.sample@ezweb.ne.jpyamazaki.ren.sample@icloud.commori.haruto.sample@softbank.ne.jpabe.sakura.sample@hotmail.co.jpikeda.kenji.sample@nifty.comhashimoto.misaki.sample@outlook.jpishikawa.daiki.sample@gmail.comogawa.aoi.sample@yahoo.co.jpokada.sota.sample@docomo.ne.jphasegawa.mei.sample@outlook.comfujita.riku.sample@ezweb.ne.jpgoto.yuna.sample@icloud.comkondo.kaito.sample@softbank.ne.jptanaka.yuto.sample@hotmail.co.jpsuzuki.mio.sample@nifty.com	99	0	1	\N
18	20250313004000.9e87b380b9@mail.corp.example	20250313004000.9e87b380b9@mail.corp.example	4ae527e64ecaf27e155a6674c32d337d06c3a963894db93cce0c61c2ab371136	1741826400	32400	suzuki.kenji@corp.example	Suzuki Kenji	corp.example	Re: Delivery schedule change	20250312183000.7781@mail.globex.example	20250312183000.7781@mail.globex.example	takahashi.takumi@globex.exampleTakahashi Takumiwatanabe.rin@acme.exampleWatanabe Rinito.sho@initech.exampleIto Shokato.yui@corp.exampleKato Yui	4	0	1	\N
19	20250313022500.1eba1d1a52@mail.corp.example	20250313022500.1eba1d1a52@mail.corp.example	4f8ca69c49cf495c242ab507109de4c1e79002186db1776359276c762568d80c	1741832700	32400	ito.misaki@jp.corp.example	Ito Misaki	jp.corp.example	Ｒｅ：お見積もりの件			yamamoto.nana@acme.example山本 七海nakamura.kazuki@umbrella.example中村 一輝kobayashi.emi.sample@docomo.ne.jp	3	0	1	\N
20	20250313130000.f405d92694@mail.corp.example	20250313130000.f405d92694@mail.corp.example	402d6d89cf43d564f85034ffee2cc9f3c6a106b89077dc6e37499fe6014d33af	1741870800	3600	anna.weber@de.corp.example	Anna Weber	de.corp.example	AW: Termin für die Schulung			mueller.jonas@mueller-technik.exampleJonas Müllerbecker.lena@schmidt-bau.exampleLena Beckerhoffmann.max.sample@gmx.de	3	0	1	\N
21	20250314010000.d358519d14@mail.corp.example	20250314010000.d358519d14@mail.corp.example	dbae58c1588697c3e4a6653bc8e6b46fe24d53757cf6427f74d5dc03e18f1263	1741914000	32400	suzuki.kenji@corp.example	Suzuki Kenji	corp.example	Joint exhibition booth arrangements			kato.shun@hooli.exampleKato Shunyoshida.saki@wonka.exampleYoshida Sakiyamada.ryo@ginga-soft.exampleYamada Ryosasaki.ai@kumo-design.exampleSasaki Aiyamaguchi.kenta@hooli.exampleYamaguchi Kentamatsumoto.yuki@wonka.exampleMatsumoto Yukikato.yui@corp.exampleKato Yui	7	0	1	\N
22	20250316003000.fc12b6cd91@mail.corp.example	20250316003000.fc12b6cd91@mail.corp.example	d9a0af0d090eb3f83f5cb398f1d82d36deaa130e4504093831c6b2c439ad1f7a	1742085000	32400	suzuki.kenji@corp.example	Suzuki Kenji	corp.example	Re: Joint exhibition booth arrangements	CAHk7xQ.20250315.0912@mail.hooli.example	20250314010000.d358519d14@mail.corp.example CAHk7xQ.20250315.0912@mail.hooli.example	yoshida.saki@wonka.exampleYoshida Sakiyamada.ryo@ginga-soft.exampleYamada Ryosasaki.ai@kumo-design.exampleSasaki Aiyamaguchi.kenta@hooli.exampleYamaguchi Kentamatsumoto.yuki@wonka.exampleMatsumoto Yukiinoue.hanako@hikari-systems.exampleInoue Hanakokato.yui@corp.exampleKato Yui	7	0	1	\N
23	20250317000000.df979d8d58@mail.corp.example	20250317000000.df979d8d58@mail.corp.example	9e3a7ad478ee3798b674d0bbc487ee6a62bab4bc7539cd39cc9a758d579aa288	1742169600	32400	ito.misaki@jp.corp.example	Ito Misaki	jp.corp.example	Invitation: Spring partner seminar 2025			kimura.taro@kawasemi-bank.exampleKimura Tarohayashi.yui@hoshizora-ins.exampleHayashi Yuishimizu.ren@yamabiko-tech.exampleShimizu Renyamazaki.haruto@kawasemi-bank.exampleYamazaki Harutomori.sakura@hoshizora-ins.exampleMori Sakuraabe.kenji@yamabiko-tech.exampleAbe Kenjiikeda.misaki.sample@gmail.comhashimoto.daiki.sample@yahoo.co.jp	8	0	1	\N
25	20250317234500.86c4e1adfe@mail.corp.example	20250317234500.86c4e1adfe@mail.corp.example	830f25c061b649e862abbcac23e64d3f5d7c32200c746aaee9a2fb2011fb9a35	1742255100	32400	ito.misaki@jp.corp.example	Ito Misaki	jp.corp.example	Invitation: Spring partner seminar 2025			suzuki.takumi@nagisa-hotel.exampleSuzuki Takumitakahashi.rin@tokiwa-steel.exampleTakahashi Rinwatanabe.sho@hibari-books.exampleWatanabe Shoito.nana@nagisa-hotel.exampleIto Nanayamamoto.kazuki@tokiwa-steel.exampleYamamoto Kazukinakamura.emi@hibari-books.exampleNakamura Emikobayashi.shun.sample@gmail.comkato.saki.sample@yahoo.co.jp	8	0	1	\N
26	20250318072000.ad936fcbed@mail.corp.example	20250318072000.ad936fcbed@mail.corp.example	471f93a1d085b6914146c942a9cbd999b97511c88c00d3256ecfe05f4cd048d5	1742282400	32400	kato.yui@corp.example	Kato Yui	corp.example	Customer advisory board: next session			shimizu.haruto@tokiwa-steel.exampleShimizu Harutoyamazaki.sakura@hibari-books.exampleYamazaki Sakuramori.kenji.sample@icloud.comsuzuki.kenji@corp.exampleSuzuki Kenji	4	0	1	\N
27	20250312020000.bddddaecb8@mail.corp.example	20250312020000.bddddaecb8@mail.corp.example	66687a8f2b5bd2c61b24949e1f56c4f1ed07d29eb491b6d14546a249205e224f	1741744800	32400	suzuki.kenji@corp.example	Suzuki Kenji	corp.example	Installation guide for model X200			abe.misaki@initech.exampleAbe Misakiikeda.daiki@umbrella.exampleIkeda Daikihashimoto.aoi@umbrella.exampleHashimoto Aoiishikawa.sota.sample@yahoo.co.jp	4	1	1	\N
28	20250319040000.e24a5a32c9@mail.corp.example	20250319040000.e24a5a32c9@mail.corp.example	178e289cd673356b4ab2fd79ef3c54e111e4260d764a78204855bc674b2298cf	1742356800	32400	suzuki.kenji@corp.example	Suzuki Kenji	corp.example	Price list April 2025			okada.riku@wonka.exampleOkada Rikuhasegawa.yuna@acme.exampleHasegawa Yuna	2	0	1	\N
29	sha256:a6e1f7d500020600a754e5aa2a6056ec4c4bd6045b06770743d93668a3e1313a	\N	a6e1f7d500020600a754e5aa2a6056ec4c4bd6045b06770743d93668a3e1313a	1742420700	-14400	mark.ellis@us.corp.example	Mark Ellis	us.corp.example	Support desk contact update			fujita.kaito@kirin-motors.exampleFujita Kaitogoto.hina@tsukimi-cafe.exampleGoto Hinakondo.yuto@hotaru-lighting.exampleKondo Yuto	3	0	1	\N
30	20250320011000.2130c98b4b@mail.corp.example	20250320011000.2130c98b4b@mail.corp.example	87a792ba8ec1ae299b56313771f7222b02c8f4eb5e0321ce276f9985bcfdb29b	1742433000	32400	ito.misaki@jp.corp.example	Ito Misaki	jp.corp.example	【ご案内】新製品説明会のお知らせ			tanaka.takumi@sakura-denki.example田中 拓海suzuki.rin@minato-foods.example鈴木 凛yamada.taro@initech.exampleYamada, Tarotakahashi.sho@minato-foods.example高橋 翔watanabe.nana.sample@ezweb.ne.jp渡辺 七海	5	0	1	\N
31	20250320063000.82163498aa@mail.corp.example	20250320063000.82163498aa@mail.corp.example	bab307dbb1f80bb4cca7cb83010fce173414bad53e7a432023d45e5168195d85	1742452200	32400	kato.yui@corp.example	Kato Yui	corp.example	Revised delivery note			ito.kazuki@globex.exampleIto Kazukiyamamoto.emi@initech.exampleYamamoto Emi	2	0	1	\N
32	20250321000500.994e49fae8@mail.corp.example	20250321000500.994e49fae8@mail.corp.example	97dab58af2fa81e819bd53267edd80c613d3efff887e7570a628029b8466a4b2	1742515500	32400	suzuki.kenji@corp.example	Suzuki Kenji	corp.example	Sample shipment tracking			tanaka@acme.exampleTanakahayashi.rin@globex.example	2	0	1	\N
33	20250321010000.8b42e208d6@mail.corp.example	20250321010000.8b42e208d6@mail.corp.example	2c89930ef42baf83f6c1dd1d7fb9b74deae14f75f54c52fe5c428989ea60ac7f	1742518800	32400	ito.misaki@jp.corp.example	Ito Misaki	jp.corp.example	Invitation: Spring partner seminar 2025			yoshida.ryo@inaho-rice.exampleYoshida Ryoyamada.ai@fuyu-apparel.exampleYamada Aisasaki.kenta@kirin-motors.exampleSasaki Kentayamaguchi.yuki@inaho-rice.exampleYamaguchi Yukimatsumoto.hanako@fuyu-apparel.exampleMatsumoto Hanakoinoue.taro@kirin-motors.exampleInoue Tarokimura.yui.sample@gmail.comhayashi.ren.sample@yahoo.co.jp	8	0	1	\N
\.


--
-- Data for Name: problem; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.problem (id, kind, file, "offset", field, detail, firstrunid) FROM stdin;
1	unparseableAddress	Samples/Sent.mbox	55526	to	Sato Ichiro	1
\.


--
-- Data for Name: scanrun; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.scanrun (id, startedat, finishedat, status, paths, messagesseen, newmessages, duplicates, alreadyindexed, bytesread, problems) FROM stdin;
1	2026-12-01T05:48:30+00:00	2026-12-01T05:48:30+00:00	completed	Samples/Sent.mbox	34	33	1	0	58071	1
\.


--
-- Data for Name: schemamigration; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.schemamigration (identifier, appliedat) FROM stdin;
pg1: runs, messages, locations, problems, sources	2026-12-01T05:48:30+00:00
pg1-analysis: addresses once, integer exposures, grouping links, incidents	2026-12-01T05:48:30+00:00
pg1-reports: masking key	2026-12-01T05:48:30+00:00
pg1-incidents: follow-ups and their trail	2026-12-01T05:48:30+00:00
pg1-org: mailbox owners	2026-12-01T05:48:30+00:00
pg2-store: no per-row foreign-key checks on message, location and exposure's address	2026-12-01T05:48:30+00:00
\.


--
-- Data for Name: sourcestate; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.sourcestate (path, device, inode, size, mtime, fingerprint, resumeoffset, complete, lastrunid) FROM stdin;
Samples/Sent.mbox	65024	5310108	58071	1796042933.701221	f7256323ea7c3ccb68527c642ee5b79018d1b166b2722b531148960650552acd	58071	t	1
\.


--
-- Data for Name: suppression; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.suppression (messagerowid, allowedgroup) FROM stdin;
\.


--
-- Name: address_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.address_id_seq', 466, true);


--
-- Name: followuptrail_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.followuptrail_id_seq', 1, false);


--
-- Name: location_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.location_id_seq', 34, true);


--
-- Name: message_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.message_id_seq', 33, true);


--
-- Name: problem_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.problem_id_seq', 1, true);


--
-- Name: scanrun_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.scanrun_id_seq', 1, true);


--
-- Name: address address_address_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.address
    ADD CONSTRAINT address_address_key UNIQUE (address);


--
-- Name: address address_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.address
    ADD CONSTRAINT address_pkey PRIMARY KEY (id);


--
-- Name: analysisstate analysisstate_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.analysisstate
    ADD CONSTRAINT analysisstate_pkey PRIMARY KEY (id);


--
-- Name: exposure exposure_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.exposure
    ADD CONSTRAINT exposure_pkey PRIMARY KEY (messagerowid, recipientindex);


--
-- Name: finding finding_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.finding
    ADD CONSTRAINT finding_pkey PRIMARY KEY (messagerowid);


--
-- Name: findingfirstseen findingfirstseen_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.findingfirstseen
    ADD CONSTRAINT findingfirstseen_pkey PRIMARY KEY (messagekey);


--
-- Name: findinglink findinglink_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.findinglink
    ADD CONSTRAINT findinglink_pkey PRIMARY KEY (link, messagerowid);


--
-- Name: followup followup_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.followup
    ADD CONSTRAINT followup_pkey PRIMARY KEY (incidentid, address);


--
-- Name: followuptrail followuptrail_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.followuptrail
    ADD CONSTRAINT followuptrail_pkey PRIMARY KEY (id);


--
-- Name: imapfolderstate imapfolderstate_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.imapfolderstate
    ADD CONSTRAINT imapfolderstate_pkey PRIMARY KEY (account, folder, uidvalidity);


--
-- Name: incident incident_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.incident
    ADD CONSTRAINT incident_pkey PRIMARY KEY (id);


--
-- Name: incidentfirstseen incidentfirstseen_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.incidentfirstseen
    ADD CONSTRAINT incidentfirstseen_pkey PRIMARY KEY (id);


--
-- Name: location location_identity_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.location
    ADD CONSTRAINT location_identity_key UNIQUE (identity);


--
-- Name: location location_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.location
    ADD CONSTRAINT location_pkey PRIMARY KEY (id);


--
-- Name: mailboxowner mailboxowner_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mailboxowner
    ADD CONSTRAINT mailboxowner_pkey PRIMARY KEY (mailbox);


--
-- Name: maskingkey maskingkey_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.maskingkey
    ADD CONSTRAINT maskingkey_pkey PRIMARY KEY (id);


--
-- Name: message message_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.message
    ADD CONSTRAINT message_key_key UNIQUE (key);


--
-- Name: message message_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.message
    ADD CONSTRAINT message_pkey PRIMARY KEY (id);


--
-- Name: problem problem_kind_file_offset_field_detail_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.problem
    ADD CONSTRAINT problem_kind_file_offset_field_detail_key UNIQUE (kind, file, "offset", field, detail);


--
-- Name: problem problem_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.problem
    ADD CONSTRAINT problem_pkey PRIMARY KEY (id);


--
-- Name: scanrun scanrun_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scanrun
    ADD CONSTRAINT scanrun_pkey PRIMARY KEY (id);


--
-- Name: schemamigration schemamigration_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schemamigration
    ADD CONSTRAINT schemamigration_pkey PRIMARY KEY (identifier);


--
-- Name: sourcestate sourcestate_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sourcestate
    ADD CONSTRAINT sourcestate_pkey PRIMARY KEY (path);


--
-- Name: exposure_on_addressid; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX exposure_on_addressid ON public.exposure USING btree (addressid);


--
-- Name: finding_on_incidentid; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX finding_on_incidentid ON public.finding USING btree (incidentid);


--
-- Name: findingfirstseen_on_runid; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX findingfirstseen_on_runid ON public.findingfirstseen USING btree (runid);


--
-- Name: findinglink_on_messagerowid; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX findinglink_on_messagerowid ON public.findinglink USING btree (messagerowid);


--
-- Name: followuptrail_on_incidentid; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX followuptrail_on_incidentid ON public.followuptrail USING btree (incidentid);


--
-- Name: incidentfirstseen_on_runid; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX incidentfirstseen_on_runid ON public.incidentfirstseen USING btree (runid);


--
-- Name: location_on_file; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX location_on_file ON public.location USING btree (file);


--
-- Name: location_on_mailbox; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX location_on_mailbox ON public.location USING btree (mailbox);


--
-- Name: location_on_messagerowid; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX location_on_messagerowid ON public.location USING btree (messagerowid);


--
-- Name: mailboxowner_on_owner; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX mailboxowner_on_owner ON public.mailboxowner USING btree (owner);


--
-- Name: analysisstate analysisstate_runid_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.analysisstate
    ADD CONSTRAINT analysisstate_runid_fkey FOREIGN KEY (runid) REFERENCES public.scanrun(id);


--
-- Name: exposure exposure_messagerowid_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.exposure
    ADD CONSTRAINT exposure_messagerowid_fkey FOREIGN KEY (messagerowid) REFERENCES public.finding(messagerowid) ON DELETE CASCADE;


--
-- Name: finding finding_messagerowid_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.finding
    ADD CONSTRAINT finding_messagerowid_fkey FOREIGN KEY (messagerowid) REFERENCES public.message(id) ON DELETE CASCADE;


--
-- Name: findingfirstseen findingfirstseen_runid_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.findingfirstseen
    ADD CONSTRAINT findingfirstseen_runid_fkey FOREIGN KEY (runid) REFERENCES public.scanrun(id);


--
-- Name: findinglink findinglink_messagerowid_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.findinglink
    ADD CONSTRAINT findinglink_messagerowid_fkey FOREIGN KEY (messagerowid) REFERENCES public.finding(messagerowid) ON DELETE CASCADE;


--
-- Name: imapfolderstate imapfolderstate_lastrunid_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.imapfolderstate
    ADD CONSTRAINT imapfolderstate_lastrunid_fkey FOREIGN KEY (lastrunid) REFERENCES public.scanrun(id);


--
-- Name: incidentfirstseen incidentfirstseen_runid_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.incidentfirstseen
    ADD CONSTRAINT incidentfirstseen_runid_fkey FOREIGN KEY (runid) REFERENCES public.scanrun(id);


--
-- Name: mailboxowner mailboxowner_firstrunid_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mailboxowner
    ADD CONSTRAINT mailboxowner_firstrunid_fkey FOREIGN KEY (firstrunid) REFERENCES public.scanrun(id);


--
-- Name: problem problem_firstrunid_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.problem
    ADD CONSTRAINT problem_firstrunid_fkey FOREIGN KEY (firstrunid) REFERENCES public.scanrun(id);


--
-- Name: sourcestate sourcestate_lastrunid_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sourcestate
    ADD CONSTRAINT sourcestate_lastrunid_fkey FOREIGN KEY (lastrunid) REFERENCES public.scanrun(id);


--
-- Name: suppression suppression_messagerowid_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.suppression
    ADD CONSTRAINT suppression_messagerowid_fkey FOREIGN KEY (messagerowid) REFERENCES public.message(id) ON DELETE CASCADE;


--
-- PostgreSQL database dump complete
--

\unrestrict ueFj1p4Dyt7vE1Ou0YdTlmTmQcCWAwsEZw6g3uyldVo0q50byJzfOgazIG2wdPw

