--
-- PostgreSQL database dump
--

\restrict yk2GBIUX0ZwvD5DvgrSEtVACTZ6ldjMHgICTU09CaoKw1PlAsNrtkXp2698z5ho

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
-- Name: agents; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.agents (
    id bigint NOT NULL,
    email text NOT NULL,
    email_key text NOT NULL,
    name text NOT NULL,
    role text NOT NULL,
    password_hash text NOT NULL,
    created_at double precision NOT NULL
);


--
-- Name: agents_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.agents_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: agents_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.agents_id_seq OWNED BY public.agents.id;


--
-- Name: api_keys; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.api_keys (
    key text NOT NULL,
    agent_id bigint NOT NULL,
    auth_code_hash text NOT NULL,
    created_at double precision NOT NULL
);


--
-- Name: asset_contacts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.asset_contacts (
    asset_id bigint NOT NULL,
    contact_id bigint NOT NULL,
    source text NOT NULL,
    created_at double precision NOT NULL
);


--
-- Name: asset_field_values; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.asset_field_values (
    asset_id bigint NOT NULL,
    field_id bigint NOT NULL,
    value text NOT NULL
);


--
-- Name: asset_fields; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.asset_fields (
    id bigint NOT NULL,
    asset_type_id bigint NOT NULL,
    name text NOT NULL,
    field_type text NOT NULL,
    group_name text,
    managed_key text,
    "position" bigint NOT NULL,
    choices text DEFAULT '[]'::text NOT NULL
);


--
-- Name: asset_fields_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.asset_fields_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: asset_fields_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.asset_fields_id_seq OWNED BY public.asset_fields.id;


--
-- Name: asset_types; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.asset_types (
    id bigint NOT NULL,
    name text NOT NULL,
    description text DEFAULT ''::text NOT NULL,
    platform text,
    created_at double precision NOT NULL
);


--
-- Name: asset_types_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.asset_types_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: asset_types_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.asset_types_id_seq OWNED BY public.asset_types.id;


--
-- Name: assets; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.assets (
    id bigint NOT NULL,
    asset_type_id bigint NOT NULL,
    name text NOT NULL,
    display_id text NOT NULL,
    kandji_device_id text,
    serial_number text,
    device_name text,
    platform text,
    model text,
    os_version text,
    asset_tag text,
    last_check_in double precision,
    blueprint text,
    enrollment_state text,
    supervised boolean,
    udid text,
    user_email text,
    user_name text,
    last_enrollment double precision,
    details_pending boolean DEFAULT false NOT NULL,
    details_fetched_at double precision,
    retired_at double precision,
    created_by bigint,
    updated_by bigint,
    created_at double precision NOT NULL,
    updated_at double precision NOT NULL
);


--
-- Name: assets_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.assets_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: assets_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.assets_id_seq OWNED BY public.assets.id;


--
-- Name: contacts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.contacts (
    id bigint NOT NULL,
    name text NOT NULL,
    email text NOT NULL,
    email_key text NOT NULL,
    phones text DEFAULT '[]'::text NOT NULL,
    created_at double precision NOT NULL,
    updated_at double precision NOT NULL
);


--
-- Name: contacts_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.contacts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: contacts_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.contacts_id_seq OWNED BY public.contacts.id;


--
-- Name: schema_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.schema_migrations (
    version text NOT NULL,
    applied_at double precision NOT NULL
);


--
-- Name: sessions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sessions (
    token_hash text NOT NULL,
    agent_id bigint NOT NULL,
    csrf_token text NOT NULL,
    expires_at double precision NOT NULL,
    created_at double precision NOT NULL
);


--
-- Name: settings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.settings (
    key text NOT NULL,
    value text NOT NULL
);


--
-- Name: sync_report_rows; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sync_report_rows (
    run_id bigint NOT NULL,
    "position" bigint NOT NULL,
    outcome text NOT NULL,
    kandji_device_id text,
    display_id text,
    name text,
    platform text,
    reason text NOT NULL
);


--
-- Name: sync_runs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sync_runs (
    id bigint NOT NULL,
    trigger text NOT NULL,
    status text NOT NULL,
    started_at double precision NOT NULL,
    finished_at double precision,
    heartbeat_at double precision NOT NULL,
    owner text NOT NULL,
    error text,
    created bigint DEFAULT 0 NOT NULL,
    updated bigint DEFAULT 0 NOT NULL,
    skipped bigint DEFAULT 0 NOT NULL,
    failed bigint DEFAULT 0 NOT NULL,
    retired bigint DEFAULT 0 NOT NULL,
    pages bigint DEFAULT 0 NOT NULL,
    list_requests bigint DEFAULT 0 NOT NULL,
    detail_requests bigint DEFAULT 0 NOT NULL,
    retries bigint DEFAULT 0 NOT NULL,
    rate_limited bigint DEFAULT 0 NOT NULL,
    asset_writes bigint DEFAULT 0 NOT NULL,
    details_pending bigint DEFAULT 0 NOT NULL,
    listing_complete boolean DEFAULT false NOT NULL
);


--
-- Name: sync_runs_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.sync_runs_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: sync_runs_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.sync_runs_id_seq OWNED BY public.sync_runs.id;


--
-- Name: ticket_assets; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ticket_assets (
    ticket_id bigint NOT NULL,
    asset_id bigint NOT NULL
);


--
-- Name: tickets; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.tickets (
    id bigint NOT NULL,
    subject text NOT NULL,
    status text NOT NULL,
    contact_id bigint,
    created_by bigint,
    created_at double precision NOT NULL,
    updated_at double precision NOT NULL
);


--
-- Name: tickets_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.tickets_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: tickets_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.tickets_id_seq OWNED BY public.tickets.id;


--
-- Name: agents id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.agents ALTER COLUMN id SET DEFAULT nextval('public.agents_id_seq'::regclass);


--
-- Name: asset_fields id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.asset_fields ALTER COLUMN id SET DEFAULT nextval('public.asset_fields_id_seq'::regclass);


--
-- Name: asset_types id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.asset_types ALTER COLUMN id SET DEFAULT nextval('public.asset_types_id_seq'::regclass);


--
-- Name: assets id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assets ALTER COLUMN id SET DEFAULT nextval('public.assets_id_seq'::regclass);


--
-- Name: contacts id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contacts ALTER COLUMN id SET DEFAULT nextval('public.contacts_id_seq'::regclass);


--
-- Name: sync_runs id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sync_runs ALTER COLUMN id SET DEFAULT nextval('public.sync_runs_id_seq'::regclass);


--
-- Name: tickets id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tickets ALTER COLUMN id SET DEFAULT nextval('public.tickets_id_seq'::regclass);


--
-- Data for Name: agents; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.agents VALUES
	(1, 'admin-m1j0@example.com', 'admin-m1j0@example.com', 'Demo Admin', 'admin', '$2b$12$gtdYHV.X63O3JuaG2PnQi.SoyrwYhfJ14IBCdqAxwv93tK3ZGVc3W', 1796103597.5014548),
	(2, 'agent@example.com', 'agent@example.com', 'Agnes Agent', 'agent', '$2b$12$0ISZgmoPAbMKkbKJmqPGce21kdfGNGXVVNEmd1LxFLz2CXMDsVsd.', 1796103599.335254);


--
-- Data for Name: api_keys; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.api_keys VALUES
	('ask_Zi9_h2qDQfbYWtcx', 1, 'a95c70c3c267ec97c96a5dfb0c1cc9afe49172244a30bf3552ac38e8969e3d99', 1796103597.5014548),
	('ask_Z-ZOUOQtvmLlQw-x', 2, '62007dc4f01342dd895a8aa6e087d7c01d49d4cb869b040204fe1f8b44d5e79c', 1796103599.3618927);


--
-- Data for Name: asset_contacts; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.asset_contacts VALUES
	(8, 2, 'kandji', 1796103597.531219),
	(9, 6, 'kandji', 1796103597.531219),
	(11, 5, 'kandji', 1796103597.531219),
	(12, 1, 'kandji', 1796103597.531219),
	(14, 1, 'kandji', 1796103597.531219),
	(16, 1, 'kandji', 1796103597.531219),
	(20, 1, 'kandji', 1796103597.531219),
	(22, 3, 'kandji', 1796103597.531219),
	(25, 4, 'kandji', 1796103597.531219),
	(26, 2, 'kandji', 1796103597.531219),
	(29, 5, 'kandji', 1796103597.531219),
	(30, 4, 'kandji', 1796103597.531219),
	(41, 8, 'manual', 1796103598.8560894);


--
-- Data for Name: asset_field_values; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: asset_fields; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.asset_fields VALUES
	(1, 1, 'Device ID', 'text', 'Kandji', 'device_id', 0, '[]'),
	(2, 1, 'Serial Number', 'text', 'Kandji', 'serial_number', 1, '[]'),
	(3, 1, 'Device Name', 'text', 'Kandji', 'device_name', 2, '[]'),
	(4, 1, 'Platform', 'text', 'Kandji', 'platform', 3, '[]'),
	(5, 1, 'Model', 'text', 'Kandji', 'model', 4, '[]'),
	(6, 1, 'OS Version', 'text', 'Kandji', 'os_version', 5, '[]'),
	(7, 1, 'Asset Tag', 'text', 'Kandji', 'asset_tag', 6, '[]'),
	(8, 1, 'Last Check-in', 'date', 'Kandji', 'last_check_in', 7, '[]'),
	(9, 1, 'Blueprint', 'text', 'Kandji', 'blueprint', 8, '[]'),
	(10, 1, 'Enrollment State', 'text', 'Kandji', 'enrollment_state', 9, '[]'),
	(11, 1, 'Supervised', 'boolean', 'Kandji', 'supervised', 10, '[]'),
	(12, 1, 'UDID', 'text', 'Kandji', 'udid', 11, '[]'),
	(13, 1, 'User', 'text', 'Kandji', 'user', 12, '[]'),
	(14, 2, 'Device ID', 'text', 'Kandji', 'device_id', 0, '[]'),
	(15, 2, 'Serial Number', 'text', 'Kandji', 'serial_number', 1, '[]'),
	(16, 2, 'Device Name', 'text', 'Kandji', 'device_name', 2, '[]'),
	(17, 2, 'Platform', 'text', 'Kandji', 'platform', 3, '[]'),
	(18, 2, 'Model', 'text', 'Kandji', 'model', 4, '[]'),
	(19, 2, 'OS Version', 'text', 'Kandji', 'os_version', 5, '[]'),
	(20, 2, 'Asset Tag', 'text', 'Kandji', 'asset_tag', 6, '[]'),
	(21, 2, 'Last Check-in', 'date', 'Kandji', 'last_check_in', 7, '[]'),
	(22, 2, 'Blueprint', 'text', 'Kandji', 'blueprint', 8, '[]'),
	(23, 2, 'Enrollment State', 'text', 'Kandji', 'enrollment_state', 9, '[]'),
	(24, 2, 'Supervised', 'boolean', 'Kandji', 'supervised', 10, '[]'),
	(25, 2, 'UDID', 'text', 'Kandji', 'udid', 11, '[]'),
	(26, 2, 'User', 'text', 'Kandji', 'user', 12, '[]'),
	(27, 3, 'Device ID', 'text', 'Kandji', 'device_id', 0, '[]'),
	(28, 3, 'Serial Number', 'text', 'Kandji', 'serial_number', 1, '[]'),
	(29, 3, 'Device Name', 'text', 'Kandji', 'device_name', 2, '[]'),
	(30, 3, 'Platform', 'text', 'Kandji', 'platform', 3, '[]'),
	(31, 3, 'Model', 'text', 'Kandji', 'model', 4, '[]'),
	(32, 3, 'OS Version', 'text', 'Kandji', 'os_version', 5, '[]'),
	(33, 3, 'Asset Tag', 'text', 'Kandji', 'asset_tag', 6, '[]'),
	(34, 3, 'Last Check-in', 'date', 'Kandji', 'last_check_in', 7, '[]'),
	(35, 3, 'Blueprint', 'text', 'Kandji', 'blueprint', 8, '[]'),
	(36, 3, 'Enrollment State', 'text', 'Kandji', 'enrollment_state', 9, '[]'),
	(37, 3, 'Supervised', 'boolean', 'Kandji', 'supervised', 10, '[]'),
	(38, 3, 'UDID', 'text', 'Kandji', 'udid', 11, '[]'),
	(39, 3, 'User', 'text', 'Kandji', 'user', 12, '[]'),
	(40, 4, 'Device ID', 'text', 'Kandji', 'device_id', 0, '[]'),
	(41, 4, 'Serial Number', 'text', 'Kandji', 'serial_number', 1, '[]'),
	(42, 4, 'Device Name', 'text', 'Kandji', 'device_name', 2, '[]'),
	(43, 4, 'Platform', 'text', 'Kandji', 'platform', 3, '[]'),
	(44, 4, 'Model', 'text', 'Kandji', 'model', 4, '[]'),
	(45, 4, 'OS Version', 'text', 'Kandji', 'os_version', 5, '[]'),
	(46, 4, 'Asset Tag', 'text', 'Kandji', 'asset_tag', 6, '[]'),
	(47, 4, 'Last Check-in', 'date', 'Kandji', 'last_check_in', 7, '[]'),
	(48, 4, 'Blueprint', 'text', 'Kandji', 'blueprint', 8, '[]'),
	(49, 4, 'Enrollment State', 'text', 'Kandji', 'enrollment_state', 9, '[]'),
	(50, 4, 'Supervised', 'boolean', 'Kandji', 'supervised', 10, '[]'),
	(51, 4, 'UDID', 'text', 'Kandji', 'udid', 11, '[]'),
	(52, 4, 'User', 'text', 'Kandji', 'user', 12, '[]'),
	(53, 5, 'Device ID', 'text', 'Kandji', 'device_id', 0, '[]'),
	(54, 5, 'Serial Number', 'text', 'Kandji', 'serial_number', 1, '[]'),
	(55, 5, 'Device Name', 'text', 'Kandji', 'device_name', 2, '[]'),
	(56, 5, 'Platform', 'text', 'Kandji', 'platform', 3, '[]'),
	(57, 5, 'Model', 'text', 'Kandji', 'model', 4, '[]'),
	(58, 5, 'OS Version', 'text', 'Kandji', 'os_version', 5, '[]'),
	(59, 5, 'Asset Tag', 'text', 'Kandji', 'asset_tag', 6, '[]'),
	(60, 5, 'Last Check-in', 'date', 'Kandji', 'last_check_in', 7, '[]'),
	(61, 5, 'Blueprint', 'text', 'Kandji', 'blueprint', 8, '[]'),
	(62, 5, 'Enrollment State', 'text', 'Kandji', 'enrollment_state', 9, '[]'),
	(63, 5, 'Supervised', 'boolean', 'Kandji', 'supervised', 10, '[]'),
	(64, 5, 'UDID', 'text', 'Kandji', 'udid', 11, '[]'),
	(65, 5, 'User', 'text', 'Kandji', 'user', 12, '[]'),
	(66, 6, 'Device ID', 'text', 'Kandji', 'device_id', 0, '[]'),
	(67, 6, 'Serial Number', 'text', 'Kandji', 'serial_number', 1, '[]'),
	(68, 6, 'Device Name', 'text', 'Kandji', 'device_name', 2, '[]'),
	(69, 6, 'Platform', 'text', 'Kandji', 'platform', 3, '[]'),
	(70, 6, 'Model', 'text', 'Kandji', 'model', 4, '[]'),
	(71, 6, 'OS Version', 'text', 'Kandji', 'os_version', 5, '[]'),
	(72, 6, 'Asset Tag', 'text', 'Kandji', 'asset_tag', 6, '[]'),
	(73, 6, 'Last Check-in', 'date', 'Kandji', 'last_check_in', 7, '[]'),
	(74, 6, 'Blueprint', 'text', 'Kandji', 'blueprint', 8, '[]'),
	(75, 6, 'Enrollment State', 'text', 'Kandji', 'enrollment_state', 9, '[]'),
	(76, 6, 'Supervised', 'boolean', 'Kandji', 'supervised', 10, '[]'),
	(77, 6, 'UDID', 'text', 'Kandji', 'udid', 11, '[]'),
	(78, 6, 'User', 'text', 'Kandji', 'user', 12, '[]');


--
-- Data for Name: asset_types; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.asset_types VALUES
	(1, 'Mac', 'Mac devices synced from Kandji. Read-only; manual assets can be added.', 'Mac', 1796103597.4194915),
	(2, 'iPad', 'iPad devices synced from Kandji. Read-only; manual assets can be added.', 'iPad', 1796103597.4194915),
	(3, 'iPhone', 'iPhone devices synced from Kandji. Read-only; manual assets can be added.', 'iPhone', 1796103597.4194915),
	(4, 'AppleTV', 'AppleTV devices synced from Kandji. Read-only; manual assets can be added.', 'AppleTV', 1796103597.4194915),
	(5, 'Android', 'Android devices synced from Kandji. Read-only; manual assets can be added.', 'Android', 1796103597.4194915),
	(6, 'Windows', 'Windows devices synced from Kandji. Read-only; manual assets can be added.', 'Windows', 1796103597.4194915),
	(7, 'Monitors', 'Desk monitors', NULL, 1796103598.8481336);


--
-- Data for Name: assets; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.assets VALUES
	(1, 5, 'Galaxy Tab Active5 61R4', 'WGFUCA4H8KNUGS', '099c729e-674c-47a4-aa6a-40860c2ae40f', 'WGFUCA4H8KNUGS', 'Galaxy Tab Active5 61R4', 'Android', 'Galaxy Tab Active5', '15', NULL, 1796080174.84992, 'Default Blueprint', 'enrolled', NULL, NULL, NULL, NULL, 1768580116.423008, false, 1796103597.5733476, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(2, 2, 'Yukihiro''s iPad', 'Z1UXWD4NRURM', '0d0919b1-0295-4007-a5a1-8faab0962d97', 'Z1UXWD4NRURM', 'Yukihiro''s iPad', 'iPad', 'iPad (8th generation) (Wi-Fi)', '16.1.1', NULL, 1795092874.84992, 'Default Blueprint', 'missing', true, '00002958-e5f746ca6fff38be', 'yukihiro.hopper15@example.com', 'Yukihiro Hopper', 1746675736.253451, false, 1796103597.5733476, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(3, 3, 'Grace’s iPhone', '230L0JKXCW', '165e216f-eafd-4cda-a635-5e2a3db8f7dd', '230L0JKXCW', 'Grace’s iPhone', 'iPhone', 'iPhone 16', '18.1', 'FIN-10032', 1796066520.84992, 'Default Blueprint', 'enrolled', true, '00000674-04257c0386be6f77', 'grace.wilson17@example.com', 'Grace Wilson', 1720850880.563681, false, 1796103597.5733476, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(4, 2, 'Bjarne’s iPad', 'S71TM5PGKUAB', '18015b32-12f4-4fba-a5da-d8c064b5ad36', 'S71TM5PGKUAB', 'Bjarne’s iPad', 'iPad', 'iPad (10th generation) (Wi-Fi)', '16.1.1', NULL, 1795939331.84992, 'Field Android', 'enrolled', true, '00002383-ac1080f390d8d45b', 'bjarne.khan4@example.com', 'Bjarne Khan', 1735843377.471072, false, 1796103597.5733476, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(5, 2, 'Bjarne’s iPad', '4V9CA67D4BA1', '256c0975-ebf5-49d3-a8a9-fb18e97af0a8', '4V9CA67D4BA1', 'Bjarne’s iPad', 'iPad', 'iPad Pro (11-inch) (4th generation)', '16.1.1', 'OPS-10007', 1795827491.84992, 'Default Blueprint', 'enrolled', true, '00000497-481969788414350b', 'bjarne.khan4@example.com', 'Bjarne Khan', 1795246012.077365, false, 1796103597.5733476, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(6, 1, 'MACBOOK-AIR-0034', 'VFFWZKC2MWRX', '2bdb9d58-8e47-454a-afe2-51f09aa6e8cb', 'VFFWZKC2MWRX', 'MACBOOK-AIR-0034', 'Mac', 'MacBook Air (Retina, 13-inch, 2020)', '15.1', 'IT-10034', 1795008625.84992, 'Field Android', 'enrolled', true, 'abc3bceb-f62a-40cd-a5e3-056e46cb728d', NULL, NULL, 1782764604.489301, false, 1796103597.5733476, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(7, 1, 'VIRTUAL-MACHINE-0011', 'TLVA5FVHTE', '2d2eaf92-f1e9-4d7d-ad75-986a880722e9', 'TLVA5FVHTE', 'VIRTUAL-MACHINE-0011', 'Mac', 'Virtual Machine', '15.1', 'ENG-10011', 1795663943.84992, 'Engineering Macs', 'enrolled', false, '35d3d684-78b5-46c9-a4fc-795e300f9d2b', NULL, NULL, 1737694401.839739, false, 1796103597.5733476, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(8, 1, 'Alan''s MacBook Air', 'SVLVE4KZK6', '36a03b5a-564c-4351-a8fa-c519860e19ba', 'SVLVE4KZK6', 'Alan''s MacBook Air', 'Mac', 'MacBook Air (M1, 2020)', '15.3.2', 'SALES-10000', 1795756104.84992, 'Executives', 'enrolled', true, '93bd564b-baa7-489f-adeb-e6a2788cd190', 'alan.clarke2@example.com', 'Alan Clarke', 1777602198.549159, false, 1796103597.5733476, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(9, 1, 'Bjarne’s MacBook Pro', '05UHUX7QPS', '387064e1-65e4-4574-aee1-4c7cf364c7ba', '05UHUX7QPS', 'Bjarne’s MacBook Pro', 'Mac', 'MacBook Pro (16-inch, Nov 2023)', '14.7.1', 'FIN-10023', 1795126639.84992, 'Sales & Marketing', 'enrolled', false, '2d8814fc-2a5b-4e05-a093-08e0b887c2dd', 'bjarne.borg13@example.com', 'Bjarne Borg', 1775753269.127202, false, 1796103597.5733476, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(10, 1, 'MACBOOK-PRO-0037', '3M10CWJ4QCWC', '39d6192d-fc96-4d5b-acf0-1f84dc16408a', '3M10CWJ4QCWC', 'MACBOOK-PRO-0037', 'Mac', 'MacBook Pro (16-inch, Nov 2023)', '14.4.1', NULL, 1795864071.84992, 'Sales & Marketing', 'enrolled', true, 'fac7a647-49df-4798-a592-c240b8ec4a6e', NULL, NULL, 1791722014.208762, false, 1796103597.5733476, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(11, 3, 'Alan''s iPhone', 'PABLDU23BN', '3f37a31c-b1a4-4dca-a548-dc84bc75a4fd', 'PABLDU23BN', 'Alan''s iPhone', 'iPhone', 'iPhone 16', '18.1', 'OPS-10013', 1795153295.84992, 'Sales & Marketing', 'enrolled', true, '00000118-8af0f79350334747', 'alan.perlman6@example.com', 'Alan Perlman', 1721346898.091764, false, 1796103597.5733476, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(12, 1, 'Aisha’s Mac Studio', 'KMS57B5FVE84', '4378d2d7-2440-4112-a2a6-75aec478cac6', 'KMS57B5FVE84', 'Aisha’s Mac Studio', 'Mac', 'Mac Studio (2023)', '15.9', NULL, 1795261125.84992, 'Kiosk iPads', 'enrolled', false, '01a0c8ac-1bc1-448a-a965-40af55bed2cb', 'aisha.lovelace3@example.com', 'Aisha Lovelace', 1737590545.822371, false, 1796103597.5733476, NULL, NULL, NULL, 1796103597.531219, 1796103598.9111395),
	(13, 3, 'Bjarne’s iPhone', 'TLJ78PZDNS', '448ea28e-98b7-4c97-a868-5b570ab9d811', 'TLJ78PZDNS', 'Bjarne’s iPhone', 'iPhone', 'iPhone SE (3rd generation)', '18.1', NULL, 1795577504.84992, 'Executives', 'enrolled', true, '00006023-d7feca5520641884', 'bjarne.perlman11@example.com', 'Bjarne Perlman', 1722912835.563038, false, 1796103597.5733476, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(14, 1, 'Renamed by fixture', 'U7JCDPB8HV', '4854417e-7b84-471a-a231-3693ce35dfdb', 'U7JCDPB8HV', 'Renamed by fixture', 'Mac', 'MacBook Air (15-inch, M3, 2024)', '14.4.1', 'SALES-10006', 1794989319.84992, 'Sales & Marketing', 'enrolled', true, 'bb29ccc8-4f2a-4c6d-a55c-658bb41152c9', 'aisha.lovelace3@example.com', 'Aisha Lovelace', 1796533272.783522, false, 1796103597.5733476, NULL, NULL, NULL, 1796103597.531219, 1796103598.9111395),
	(15, 3, 'IPHONE-0010', 'HRFV6Y7M5B', '4f58973f-2bf8-4e78-a41c-fb14f58c058a', 'HRFV6Y7M5B', 'IPHONE-0010', 'iPhone', 'iPhone 16', '17.5.1', 'HR-10010', 1795796722.84992, 'Executives', 'missing', true, '00005885-25e1bb121276a3e8', NULL, NULL, 1752356936.363201, false, 1796103597.5733476, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(16, 1, 'Aisha’s Mac Studio', 'MBKWV8T4WB', '51a4c426-d7e1-4758-ac54-ca138c31e7c2', 'MBKWV8T4WB', 'Aisha’s Mac Studio', 'Mac', 'Mac Studio (2023)', '15.3.2', 'HR-10005', 1795605732.84992, 'Conference Rooms', 'enrolled', true, '22003115-a40d-48dc-ad0e-205026937b10', 'aisha.lovelace3@example.com', 'Aisha Lovelace', 1759482736.118176, false, 1796103597.5733476, 1796103598.9140363, NULL, NULL, 1796103597.531219, 1796103598.9140363),
	(17, 3, 'Katherine’s iPhone', 'CKE1PQYPW5D4', '564162b3-da69-494d-ab2b-ac51768a765d', 'CKE1PQYPW5D4', 'Katherine’s iPhone', 'iPhone', 'iPhone SE (3rd generation)', '17.5.1', 'HR-10024', 1795071371.84992, 'Windows Pilot', 'enrolled', true, '00002444-3caddd0f5f4d670c', 'katherine.berners-lee14@example.com', 'Katherine Berners-Lee', 1752932931.790366, false, 1796103597.5733476, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(18, 5, 'Galaxy Tab Active5 G814', 'QUMH39VW296R7H', '5f9e44fd-e92e-4c4c-a4a6-808497f25094', 'QUMH39VW296R7H', 'Galaxy Tab Active5 G814', 'Android', 'Galaxy Tab Active5', '14', NULL, 1795686039.84992, 'Field Android', 'enrolled', NULL, NULL, NULL, NULL, 1752873701.292668, false, 1796103597.5733476, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(19, 3, 'IPHONE-0033', 'GVACEG0PXQ', '66d83b26-7211-4053-ab0d-2f41c6a2f938', 'GVACEG0PXQ', 'IPHONE-0033', 'iPhone', 'iPhone 13', '18.1', 'LAB-10033', 1795280789.84992, 'Field Android', 'missing', true, '00004854-2be0f2399ff17ae5', NULL, NULL, 1795419474.105043, false, 1796103597.5733476, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(20, 5, 'Galaxy S24 7KV5', '5ALXT8Q13YSEDK', '745e0aac-16fe-4cec-a804-b4e4677449c4', '5ALXT8Q13YSEDK', 'Galaxy S24 7KV5', 'Android', 'Galaxy S24', '15', 'IT-10004', 1795424955.84992, 'Default Blueprint', 'enrolled', NULL, NULL, 'aisha.lovelace3@example.com', 'Aisha Lovelace', 1767191294.0462, false, 1796103597.5733476, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(21, 3, 'Yukihiro''s iPhone', 'TYZNHNP0ZB', '79a052a7-15bb-46ca-ae1e-3de82d4935f7', 'TYZNHNP0ZB', 'Yukihiro''s iPhone', 'iPhone', 'iPhone 16', '18.1', NULL, 1795971971.84992, 'Sales & Marketing', 'enrolled', false, '00008409-793d8ddef9f51b02', 'yukihiro.hopper15@example.com', 'Yukihiro Hopper', 1726158205.431188, false, 1796103597.5733476, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(22, 2, 'Alan’s iPad', 'G5TU4SP6JYE8', '7ba32ca8-ca90-475d-ab3b-35b78614309e', 'G5TU4SP6JYE8', 'Alan’s iPad', 'iPad', 'iPad Air (5th generation) (Wi-Fi + Cellular)', '18.1', 'OPS-10021', 1795143740.84992, 'Executives', 'enrolled', true, '00000682-a118629602d49c40', 'alan.hamilton10@example.com', 'Alan Hamilton', 1784527330.716777, false, 1796103597.5733476, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(23, 2, 'Yukihiro’s iPad', '3GXX0ZFJ1Z', '837c311d-9952-4588-a413-f5cb0f29a8d8', '3GXX0ZFJ1Z', 'Yukihiro’s iPad', 'iPad', 'iPad Pro (11-inch) (4th generation)', '18.1', 'SALES-10026', 1795838956.84992, 'Default Blueprint', 'enrolled', false, '00003832-278ee5c4f2cc6fcb', 'yukihiro.hopper15@example.com', 'Yukihiro Hopper', 1721747636.270096, false, 1796103597.5733476, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(24, 1, 'Bjarne’s iMac (24-inch,', 'KAEKS7DESX1E', '8e002c9e-7705-48c4-a1d0-d34470361b0e', 'KAEKS7DESX1E', 'Bjarne’s iMac (24-inch,', 'Mac', 'iMac (24-inch, M3, 2023)', '15.1', 'SALES-10018', 1795423328.84992, 'Sales & Marketing', 'enrolled', true, 'd36ea9ce-1f97-44f4-affe-068d81003889', 'bjarne.perlman11@example.com', 'Bjarne Perlman', 1768667315.187493, false, 1796103597.5733476, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(25, 3, 'Alan’s iPhone', 'QQEATBJM6B', '953fd471-55ef-49df-a616-eced697d7203', 'QQEATBJM6B', 'Alan’s iPhone', 'iPhone', 'iPhone 16', '18.3.2', 'IT-10014', 1795305456.84992, 'Field Android', 'enrolled', false, '00004016-ffd1f1a75a7a1420', 'alan.patel8@example.com', 'Alan Patel', 1797517185.046046, false, 1796103597.5733476, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(26, 2, 'Alan’s iPad', 'H0LM4582JQQN', 'a06d1b55-ce16-4af2-af3b-23e4178f84fd', 'H0LM4582JQQN', 'Alan’s iPad', 'iPad', 'iPad Air (5th generation) (Wi-Fi + Cellular)', '16.1.1', NULL, 1795063059.84992, 'Sales & Marketing', 'enrolled', true, '00007021-fab4b171f28c42b3', 'alan.clarke2@example.com', 'Alan Clarke', 1743469479.244689, false, 1796103597.5733476, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(27, 4, 'ATV-Boardroom-25', 'VFZ039N4HQ', 'a2bd1e54-532a-476b-aa49-4a4496c4f50d', 'VFZ039N4HQ', 'ATV-Boardroom-25', 'AppleTV', 'Apple TV 4K (2nd generation)', '18.1', 'IT-10025', 1795986351.84992, 'Field Android', 'enrolled', NULL, '00009066-3c141ad5b8d1623e', 'katherine.berners-lee14@example.com', 'Katherine Berners-Lee', 1764765786.117527, false, 1796103597.5733476, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(28, 1, 'Tim''s MacBook Air', '7FNNU4Z0CA0J', 'a7d106da-140b-46e7-ad24-86d1de24c679', '7FNNU4Z0CA0J', 'Tim''s MacBook Air', 'Mac', 'MacBook Air (Retina, 13-inch, 2020)', '14.4.1', 'SALES-10001', 1795927587.84992, 'Conference Rooms', 'enrolled', true, 'e005b65c-0601-4013-acab-5c2dcc911aa7', 'tim.muller1@example.com', 'Tim Müller', 1732188286.000116, false, 1796103597.5733476, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(29, 2, 'Alan’s iPad', 'QNT9UH46PG', 'acb87b9d-a330-4a63-aa4b-42710eb24050', 'QNT9UH46PG', 'Alan’s iPad', 'iPad', 'iPad (8th generation) (Wi-Fi)', '17.5.1', NULL, 1795776038.84992, 'Conference Rooms', 'missing', true, '00005717-7d8e64e596f35aa1', 'alan.perlman6@example.com', 'Alan Perlman', 1779677360.854139, false, 1796103597.5733476, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(30, 3, 'Alan''s iPhone', 'U4TR1DLEVE', 'b20885af-f1b5-4af3-a7e4-3feb286ce9a8', 'U4TR1DLEVE', 'Alan''s iPhone', 'iPhone', 'iPhone SE (3rd generation)', '17.5.1', NULL, 1795807093.84992, 'Field Android', 'enrolled', true, '00001657-cce06912b5dda739', 'alan.patel8@example.com', 'Alan Patel', 1781647613.434063, false, 1796103597.5733476, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(31, 2, 'Wei''s iPad', '4AGP20X6V3', 'b3e7274e-f0df-4fea-ad40-50145295ecf9', '4AGP20X6V3', 'Wei''s iPad', 'iPad', 'iPad Air (5th generation) (Wi-Fi + Cellular)', '18.1', NULL, 1796040976.84992, 'Engineering Macs', 'enrolled', false, '00001954-5399cb439db35256', 'wei.dubois9@example.com', 'Wei Dubois', 1740858551.591033, false, 1796103597.5733476, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(32, 3, 'Bjarne’s iPhone', 'QLGR0VLFJA4S', 'be83de98-9192-4200-a643-d73ad6cd6d09', 'QLGR0VLFJA4S', 'Bjarne’s iPhone', 'iPhone', 'iPhone 15 Pro', '18.1', NULL, 1795923437.84992, 'Sales & Marketing', 'enrolled', true, '00001788-597a53727a171e46', 'bjarne.perlman11@example.com', 'Bjarne Perlman', 1743087706.238654, false, 1796103597.5733476, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(33, 1, 'Wei’s MacBook Pro', 'RZ92167Z26RH', 'beca0e30-c5dd-4c6b-aa75-d20d79a03bf6', 'RZ92167Z26RH', 'Wei’s MacBook Pro', 'Mac', 'MacBook Pro (14-inch, 2023)', '13.6.9', 'FIN-10017', 1795822460.84992, 'Conference Rooms', 'enrolled', true, '92c1e30e-13c3-46d1-ae6c-8b7c2d17dfa6', 'wei.dubois9@example.com', 'Wei Dubois', 1741109951.22616, false, 1796103598.5252774, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(34, 1, 'Grace’s Mac mini', '55487URAQH', 'c178a09d-7461-4f0d-a8db-9cc68ac59aab', '55487URAQH', 'Grace’s Mac mini', 'Mac', 'Mac mini (M2, 2023)', '15.3.2', 'ENG-10031', 1795850692.84992, 'Windows Pilot', 'enrolled', true, '7317d82a-2a05-4d95-adc2-2160a5ebb296', 'grace.wilson17@example.com', 'Grace Wilson', 1793558034.275034, false, 1796103598.5252774, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(35, 1, 'Grace’s Virtual Machine', '40S6AL13UEQP', 'ca090608-bf3e-413a-a831-d4ba15e4f0b6', '40S6AL13UEQP', 'Grace’s Virtual Machine', 'Mac', 'Virtual Machine', '15.3.2', 'LAB-10035', 1795327091.84992, 'Executives', 'enrolled', true, '5610e31a-b6d7-41d2-a45f-cb23ff84aa20', 'grace.wilson17@example.com', 'Grace Wilson', 1721531514.078306, false, 1796103598.5252774, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(36, 1, 'Priya''s Mac mini', 'HBQSTV1XH2', 'e19d1745-9e20-4555-a382-eec4edbf9f6e', 'HBQSTV1XH2', 'Priya''s Mac mini', 'Mac', 'Mac mini (M2, 2023)', '14.7.1', 'IT-10039', 1795404262.84992, 'Sales & Marketing', 'enrolled', true, '5074dbd4-00a9-46e3-ab1c-91d7c4216d87', 'priya.backus20@example.com', 'Priya Backus', 1779580561.286111, false, 1796103598.5252774, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(37, 1, 'Priya''s MacBook Air', '096TJR6DEYAD', 'ece85c3d-1d69-4c66-a2af-c3ae0b36b6e0', '096TJR6DEYAD', 'Priya''s MacBook Air', 'Mac', 'MacBook Air (M1, 2020)', '15.3.2', 'IT-10036', 1795251570.84992, 'Default Blueprint', 'enrolled', true, 'cc7c587a-7562-49c4-adee-bbf602e46146', 'priya.backus20@example.com', 'Priya Backus', 1723488853.343696, false, 1796103598.5252774, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(38, 3, 'Yukihiro''s iPhone', 'SZS66HVYDXLP', 'f8e59b6f-c4f6-4ff7-a113-88578a6ecaa8', 'SZS66HVYDXLP', 'Yukihiro''s iPhone', 'iPhone', 'iPhone 15 Pro', '18.1', NULL, 1795346504.84992, 'Conference Rooms', 'enrolled', true, '00002131-62c58000ecede851', 'yukihiro.hopper15@example.com', 'Yukihiro Hopper', 1783317863.064719, false, 1796103598.5252774, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(39, 1, 'Wei''s iMac (24-inch,', 'UXZDEVBNWCSE', 'f9b87043-3363-4734-a3c4-7afca87e4076', 'UXZDEVBNWCSE', 'Wei''s iMac (24-inch,', 'Mac', 'iMac (24-inch, M3, 2023)', '15.1', 'OPS-10016', 1795329292.84992, 'Engineering Macs', 'enrolled', true, '228e2618-4f0a-49ee-aace-0eb14b9bc7e6', 'wei.dubois9@example.com', 'Wei Dubois', 1724144019.582281, false, 1796103598.5252774, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(40, 1, 'Katherine''s Virtual Machine', 'XRNVXKR0UK5V', 'fe143ed4-9830-4d9b-a3ba-c20458db6c0c', 'XRNVXKR0UK5V', 'Katherine''s Virtual Machine', 'Mac', 'Virtual Machine', '13.6.9', NULL, 1795438392.84992, 'Field Android', 'enrolled', true, 'd83f99bb-7d34-40ee-abb0-4a76e40910c9', 'katherine.stroustrup19@example.com', 'Katherine Stroustrup', 1743436173.189107, false, 1796103598.5252774, NULL, NULL, NULL, 1796103597.531219, 1796103597.531219),
	(41, 7, 'Dell U2723QE', 'MON-0001', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, false, NULL, NULL, 1, 1, 1796103598.8560894, 1796103598.8560894),
	(42, 7, 'LG 27UK850', 'MON-0002', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, false, NULL, NULL, 1, 1, 1796103598.8619998, 1796103598.8619998),
	(43, 1, 'Loaner MacBook (manual)', 'LOANER-1', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, false, NULL, NULL, 1, 1, 1796103598.868104, 1796103598.868104);


--
-- Data for Name: contacts; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.contacts VALUES
	(1, 'Aisha Lovelace', 'aisha.lovelace3@example.com', 'aisha.lovelace3@example.com', '[]', 1796103597.5014548, 1796103597.5014548),
	(2, 'Alan Clarke', 'alan.clarke2@example.com', 'alan.clarke2@example.com', '[]', 1796103597.5014548, 1796103597.5014548),
	(3, 'Alan Hamilton', 'alan.hamilton10@example.com', 'alan.hamilton10@example.com', '[]', 1796103597.5014548, 1796103597.5014548),
	(4, 'Alan Patel', 'alan.patel8@example.com', 'alan.patel8@example.com', '[]', 1796103597.5014548, 1796103597.5014548),
	(5, 'Alan Perlman', 'alan.perlman6@example.com', 'alan.perlman6@example.com', '[]', 1796103597.5014548, 1796103597.5014548),
	(6, 'Bjarne Borg', 'bjarne.borg13@example.com', 'bjarne.borg13@example.com', '[]', 1796103597.5014548, 1796103597.5014548),
	(7, 'Front Desk', 'frontdesk@example.com', 'frontdesk@example.com', '["+1 555 0100"]', 1796103597.5014548, 1796103597.5014548),
	(8, 'Zoë Łukasz', 'zoe@example.com', 'zoe@example.com', '["+49 30 1234567"]', 1796103598.852304, 1796103598.852304);


--
-- Data for Name: schema_migrations; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.schema_migrations VALUES
	('v1-core', 1796103605.2103262),
	('v2-helpdesk', 1796103605.2190423),
	('v3-asset-order', 1796103605.2217097);


--
-- Data for Name: sessions; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: settings; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.settings VALUES
	('kandji', '{"apiURL":"http:\/\/127.0.0.1:37419","detailsRefreshPerRun":0,"enabled":true,"installed":true,"lastAuthorizationCode":"authorized","lastAuthorizationMessage":"Connected. The token can list devices and read device details.","lastAuthorizedAt":1796103597.5014548,"mapping":{"displayIDSource":"serial_number","nameSource":"device_name"},"schedule":{"hour":2,"minute":0,"timeZone":"UTC"},"sealedToken":"v1:CM2ZD5FEFoNk0YyO2k22iIi\/unVsnDYeKjihNPJabl8bj9MT0xAsvVXAvutvXqGpxe9HWUFkYi\/bhdifl\/gnLA==","tokenSetAt":1796103597.5014548}');


--
-- Data for Name: sync_report_rows; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.sync_report_rows VALUES
	(1, 0, 'created', '099c729e-674c-47a4-aa6a-40860c2ae40f', 'WGFUCA4H8KNUGS', 'Galaxy Tab Active5 61R4', 'Android', ''),
	(1, 1, 'created', '0d0919b1-0295-4007-a5a1-8faab0962d97', 'Z1UXWD4NRURM', 'Yukihiro''s iPad', 'iPad', ''),
	(1, 2, 'created', '165e216f-eafd-4cda-a635-5e2a3db8f7dd', '230L0JKXCW', 'Grace’s iPhone', 'iPhone', ''),
	(1, 3, 'created', '18015b32-12f4-4fba-a5da-d8c064b5ad36', 'S71TM5PGKUAB', 'Bjarne’s iPad', 'iPad', ''),
	(1, 4, 'created', '256c0975-ebf5-49d3-a8a9-fb18e97af0a8', '4V9CA67D4BA1', 'Bjarne’s iPad', 'iPad', ''),
	(1, 5, 'created', '2bdb9d58-8e47-454a-afe2-51f09aa6e8cb', 'VFFWZKC2MWRX', 'MACBOOK-AIR-0034', 'Mac', ''),
	(1, 6, 'created', '2d2eaf92-f1e9-4d7d-ad75-986a880722e9', 'TLVA5FVHTE', 'VIRTUAL-MACHINE-0011', 'Mac', ''),
	(1, 7, 'created', '36a03b5a-564c-4351-a8fa-c519860e19ba', 'SVLVE4KZK6', 'Alan''s MacBook Air', 'Mac', ''),
	(1, 8, 'created', '387064e1-65e4-4574-aee1-4c7cf364c7ba', '05UHUX7QPS', 'Bjarne’s MacBook Pro', 'Mac', ''),
	(1, 9, 'created', '39d6192d-fc96-4d5b-acf0-1f84dc16408a', '3M10CWJ4QCWC', 'MACBOOK-PRO-0037', 'Mac', ''),
	(1, 10, 'created', '3f37a31c-b1a4-4dca-a548-dc84bc75a4fd', 'PABLDU23BN', 'Alan''s iPhone', 'iPhone', ''),
	(1, 11, 'created', '4378d2d7-2440-4112-a2a6-75aec478cac6', 'KMS57B5FVE84', 'Aisha’s Mac Studio', 'Mac', ''),
	(1, 12, 'created', '448ea28e-98b7-4c97-a868-5b570ab9d811', 'TLJ78PZDNS', 'Bjarne’s iPhone', 'iPhone', ''),
	(1, 13, 'created', '4854417e-7b84-471a-a231-3693ce35dfdb', 'U7JCDPB8HV', 'Aisha''s MacBook Air', 'Mac', ''),
	(1, 14, 'created', '4f58973f-2bf8-4e78-a41c-fb14f58c058a', 'HRFV6Y7M5B', 'IPHONE-0010', 'iPhone', ''),
	(1, 15, 'created', '51a4c426-d7e1-4758-ac54-ca138c31e7c2', 'MBKWV8T4WB', 'Aisha’s Mac Studio', 'Mac', ''),
	(1, 16, 'created', '564162b3-da69-494d-ab2b-ac51768a765d', 'CKE1PQYPW5D4', 'Katherine’s iPhone', 'iPhone', ''),
	(1, 17, 'created', '5f9e44fd-e92e-4c4c-a4a6-808497f25094', 'QUMH39VW296R7H', 'Galaxy Tab Active5 G814', 'Android', ''),
	(1, 18, 'created', '66d83b26-7211-4053-ab0d-2f41c6a2f938', 'GVACEG0PXQ', 'IPHONE-0033', 'iPhone', ''),
	(1, 19, 'created', '745e0aac-16fe-4cec-a804-b4e4677449c4', '5ALXT8Q13YSEDK', 'Galaxy S24 7KV5', 'Android', ''),
	(1, 20, 'created', '79a052a7-15bb-46ca-ae1e-3de82d4935f7', 'TYZNHNP0ZB', 'Yukihiro''s iPhone', 'iPhone', ''),
	(1, 21, 'created', '7ba32ca8-ca90-475d-ab3b-35b78614309e', 'G5TU4SP6JYE8', 'Alan’s iPad', 'iPad', ''),
	(1, 22, 'created', '837c311d-9952-4588-a413-f5cb0f29a8d8', '3GXX0ZFJ1Z', 'Yukihiro’s iPad', 'iPad', ''),
	(1, 23, 'created', '8e002c9e-7705-48c4-a1d0-d34470361b0e', 'KAEKS7DESX1E', 'Bjarne’s iMac (24-inch,', 'Mac', ''),
	(1, 24, 'created', '953fd471-55ef-49df-a616-eced697d7203', 'QQEATBJM6B', 'Alan’s iPhone', 'iPhone', ''),
	(1, 25, 'created', 'a06d1b55-ce16-4af2-af3b-23e4178f84fd', 'H0LM4582JQQN', 'Alan’s iPad', 'iPad', ''),
	(1, 26, 'created', 'a2bd1e54-532a-476b-aa49-4a4496c4f50d', 'VFZ039N4HQ', 'ATV-Boardroom-25', 'AppleTV', ''),
	(1, 27, 'created', 'a7d106da-140b-46e7-ad24-86d1de24c679', '7FNNU4Z0CA0J', 'Tim''s MacBook Air', 'Mac', ''),
	(1, 28, 'created', 'acb87b9d-a330-4a63-aa4b-42710eb24050', 'QNT9UH46PG', 'Alan’s iPad', 'iPad', ''),
	(1, 29, 'created', 'b20885af-f1b5-4af3-a7e4-3feb286ce9a8', 'U4TR1DLEVE', 'Alan''s iPhone', 'iPhone', ''),
	(1, 30, 'created', 'b3e7274e-f0df-4fea-ad40-50145295ecf9', '4AGP20X6V3', 'Wei''s iPad', 'iPad', ''),
	(1, 31, 'created', 'be83de98-9192-4200-a643-d73ad6cd6d09', 'QLGR0VLFJA4S', 'Bjarne’s iPhone', 'iPhone', ''),
	(1, 32, 'created', 'beca0e30-c5dd-4c6b-aa75-d20d79a03bf6', 'RZ92167Z26RH', 'Wei’s MacBook Pro', 'Mac', ''),
	(1, 33, 'created', 'c178a09d-7461-4f0d-a8db-9cc68ac59aab', '55487URAQH', 'Grace’s Mac mini', 'Mac', ''),
	(1, 34, 'created', 'ca090608-bf3e-413a-a831-d4ba15e4f0b6', '40S6AL13UEQP', 'Grace’s Virtual Machine', 'Mac', ''),
	(1, 35, 'created', 'e19d1745-9e20-4555-a382-eec4edbf9f6e', 'HBQSTV1XH2', 'Priya''s Mac mini', 'Mac', ''),
	(1, 36, 'created', 'ece85c3d-1d69-4c66-a2af-c3ae0b36b6e0', '096TJR6DEYAD', 'Priya''s MacBook Air', 'Mac', ''),
	(1, 37, 'created', 'f8e59b6f-c4f6-4ff7-a113-88578a6ecaa8', 'SZS66HVYDXLP', 'Yukihiro''s iPhone', 'iPhone', ''),
	(1, 38, 'created', 'f9b87043-3363-4734-a3c4-7afca87e4076', 'UXZDEVBNWCSE', 'Wei''s iMac (24-inch,', 'Mac', ''),
	(1, 39, 'created', 'fe143ed4-9830-4d9b-a3ba-c20458db6c0c', 'XRNVXKR0UK5V', 'Katherine''s Virtual Machine', 'Mac', ''),
	(2, 0, 'skipped', '099c729e-674c-47a4-aa6a-40860c2ae40f', 'WGFUCA4H8KNUGS', 'Galaxy Tab Active5 61R4', 'Android', 'unchanged'),
	(2, 1, 'skipped', '0d0919b1-0295-4007-a5a1-8faab0962d97', 'Z1UXWD4NRURM', 'Yukihiro''s iPad', 'iPad', 'unchanged'),
	(2, 2, 'skipped', '165e216f-eafd-4cda-a635-5e2a3db8f7dd', '230L0JKXCW', 'Grace’s iPhone', 'iPhone', 'unchanged'),
	(2, 3, 'skipped', '18015b32-12f4-4fba-a5da-d8c064b5ad36', 'S71TM5PGKUAB', 'Bjarne’s iPad', 'iPad', 'unchanged'),
	(2, 4, 'skipped', '256c0975-ebf5-49d3-a8a9-fb18e97af0a8', '4V9CA67D4BA1', 'Bjarne’s iPad', 'iPad', 'unchanged'),
	(2, 5, 'skipped', '2bdb9d58-8e47-454a-afe2-51f09aa6e8cb', 'VFFWZKC2MWRX', 'MACBOOK-AIR-0034', 'Mac', 'unchanged'),
	(2, 6, 'skipped', '2d2eaf92-f1e9-4d7d-ad75-986a880722e9', 'TLVA5FVHTE', 'VIRTUAL-MACHINE-0011', 'Mac', 'unchanged'),
	(2, 7, 'skipped', '36a03b5a-564c-4351-a8fa-c519860e19ba', 'SVLVE4KZK6', 'Alan''s MacBook Air', 'Mac', 'unchanged'),
	(2, 8, 'skipped', '387064e1-65e4-4574-aee1-4c7cf364c7ba', '05UHUX7QPS', 'Bjarne’s MacBook Pro', 'Mac', 'unchanged'),
	(2, 9, 'skipped', '39d6192d-fc96-4d5b-acf0-1f84dc16408a', '3M10CWJ4QCWC', 'MACBOOK-PRO-0037', 'Mac', 'unchanged'),
	(2, 10, 'skipped', '3f37a31c-b1a4-4dca-a548-dc84bc75a4fd', 'PABLDU23BN', 'Alan''s iPhone', 'iPhone', 'unchanged'),
	(2, 11, 'updated', '4378d2d7-2440-4112-a2a6-75aec478cac6', 'KMS57B5FVE84', 'Aisha’s Mac Studio', 'Mac', 'changed: os_version'),
	(2, 12, 'skipped', '448ea28e-98b7-4c97-a868-5b570ab9d811', 'TLJ78PZDNS', 'Bjarne’s iPhone', 'iPhone', 'unchanged'),
	(2, 13, 'updated', '4854417e-7b84-471a-a231-3693ce35dfdb', 'U7JCDPB8HV', 'Renamed by fixture', 'Mac', 'changed: name, device_name'),
	(2, 14, 'skipped', '4f58973f-2bf8-4e78-a41c-fb14f58c058a', 'HRFV6Y7M5B', 'IPHONE-0010', 'iPhone', 'unchanged'),
	(2, 15, 'skipped', '564162b3-da69-494d-ab2b-ac51768a765d', 'CKE1PQYPW5D4', 'Katherine’s iPhone', 'iPhone', 'unchanged'),
	(2, 16, 'skipped', '5f9e44fd-e92e-4c4c-a4a6-808497f25094', 'QUMH39VW296R7H', 'Galaxy Tab Active5 G814', 'Android', 'unchanged'),
	(2, 17, 'skipped', '66d83b26-7211-4053-ab0d-2f41c6a2f938', 'GVACEG0PXQ', 'IPHONE-0033', 'iPhone', 'unchanged'),
	(2, 18, 'skipped', '745e0aac-16fe-4cec-a804-b4e4677449c4', '5ALXT8Q13YSEDK', 'Galaxy S24 7KV5', 'Android', 'unchanged'),
	(2, 19, 'skipped', '79a052a7-15bb-46ca-ae1e-3de82d4935f7', 'TYZNHNP0ZB', 'Yukihiro''s iPhone', 'iPhone', 'unchanged'),
	(2, 20, 'skipped', '7ba32ca8-ca90-475d-ab3b-35b78614309e', 'G5TU4SP6JYE8', 'Alan’s iPad', 'iPad', 'unchanged'),
	(2, 21, 'skipped', '837c311d-9952-4588-a413-f5cb0f29a8d8', '3GXX0ZFJ1Z', 'Yukihiro’s iPad', 'iPad', 'unchanged'),
	(2, 22, 'skipped', '8e002c9e-7705-48c4-a1d0-d34470361b0e', 'KAEKS7DESX1E', 'Bjarne’s iMac (24-inch,', 'Mac', 'unchanged'),
	(2, 23, 'skipped', '953fd471-55ef-49df-a616-eced697d7203', 'QQEATBJM6B', 'Alan’s iPhone', 'iPhone', 'unchanged'),
	(2, 24, 'skipped', 'a06d1b55-ce16-4af2-af3b-23e4178f84fd', 'H0LM4582JQQN', 'Alan’s iPad', 'iPad', 'unchanged'),
	(2, 25, 'skipped', 'a2bd1e54-532a-476b-aa49-4a4496c4f50d', 'VFZ039N4HQ', 'ATV-Boardroom-25', 'AppleTV', 'unchanged'),
	(2, 26, 'skipped', 'a7d106da-140b-46e7-ad24-86d1de24c679', '7FNNU4Z0CA0J', 'Tim''s MacBook Air', 'Mac', 'unchanged'),
	(2, 27, 'skipped', 'acb87b9d-a330-4a63-aa4b-42710eb24050', 'QNT9UH46PG', 'Alan’s iPad', 'iPad', 'unchanged'),
	(2, 28, 'skipped', 'b20885af-f1b5-4af3-a7e4-3feb286ce9a8', 'U4TR1DLEVE', 'Alan''s iPhone', 'iPhone', 'unchanged'),
	(2, 29, 'skipped', 'b3e7274e-f0df-4fea-ad40-50145295ecf9', '4AGP20X6V3', 'Wei''s iPad', 'iPad', 'unchanged'),
	(2, 30, 'skipped', 'be83de98-9192-4200-a643-d73ad6cd6d09', 'QLGR0VLFJA4S', 'Bjarne’s iPhone', 'iPhone', 'unchanged'),
	(2, 31, 'skipped', 'beca0e30-c5dd-4c6b-aa75-d20d79a03bf6', 'RZ92167Z26RH', 'Wei’s MacBook Pro', 'Mac', 'unchanged'),
	(2, 32, 'skipped', 'c178a09d-7461-4f0d-a8db-9cc68ac59aab', '55487URAQH', 'Grace’s Mac mini', 'Mac', 'unchanged'),
	(2, 33, 'skipped', 'ca090608-bf3e-413a-a831-d4ba15e4f0b6', '40S6AL13UEQP', 'Grace’s Virtual Machine', 'Mac', 'unchanged'),
	(2, 34, 'skipped', 'e19d1745-9e20-4555-a382-eec4edbf9f6e', 'HBQSTV1XH2', 'Priya''s Mac mini', 'Mac', 'unchanged'),
	(2, 35, 'skipped', 'ece85c3d-1d69-4c66-a2af-c3ae0b36b6e0', '096TJR6DEYAD', 'Priya''s MacBook Air', 'Mac', 'unchanged'),
	(2, 36, 'skipped', 'f8e59b6f-c4f6-4ff7-a113-88578a6ecaa8', 'SZS66HVYDXLP', 'Yukihiro''s iPhone', 'iPhone', 'unchanged'),
	(2, 37, 'skipped', 'f9b87043-3363-4734-a3c4-7afca87e4076', 'UXZDEVBNWCSE', 'Wei''s iMac (24-inch,', 'Mac', 'unchanged'),
	(2, 38, 'skipped', 'fe143ed4-9830-4d9b-a3ba-c20458db6c0c', 'XRNVXKR0UK5V', 'Katherine''s Virtual Machine', 'Mac', 'unchanged'),
	(2, 39, 'retired', '51a4c426-d7e1-4758-ac54-ca138c31e7c2', 'MBKWV8T4WB', 'Aisha’s Mac Studio', 'Mac', 'no longer in Kandji');


--
-- Data for Name: sync_runs; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.sync_runs VALUES
	(1, 'initial', 'completed', 1796103597.5216389, 1796103598.5279546, 1796103598.5279546, 'vm:11044', NULL, 40, 0, 0, 0, 0, 1, 1, 40, 0, 0, 92, 0, true),
	(2, 'manual', 'completed', 1796103598.8972597, 1796103598.9156437, 1796103598.9156437, 'vm:11044', NULL, 0, 2, 37, 0, 1, 1, 1, 0, 0, 0, 3, 0, true);


--
-- Data for Name: ticket_assets; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.ticket_assets VALUES
	(1, 14),
	(2, 12),
	(3, 16),
	(4, 43);


--
-- Data for Name: tickets; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.tickets VALUES
	(1, 'Battery drains overnight', 'open', 1, NULL, 1796103597.5014548, 1796103597.5014548),
	(2, 'Cannot connect to office Wi-Fi', 'open', 1, NULL, 1796103597.5014548, 1796103597.5014548),
	(3, 'Request: more storage', 'open', 1, NULL, 1796103597.5014548, 1796103597.5014548),
	(4, 'Loaner needs a charger', 'open', 8, 1, 1796103598.874525, 1796103598.874525);


--
-- Name: agents_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.agents_id_seq', 3, false);


--
-- Name: asset_fields_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.asset_fields_id_seq', 79, false);


--
-- Name: asset_types_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.asset_types_id_seq', 8, false);


--
-- Name: assets_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.assets_id_seq', 44, false);


--
-- Name: contacts_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.contacts_id_seq', 9, false);


--
-- Name: sync_runs_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.sync_runs_id_seq', 3, false);


--
-- Name: tickets_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.tickets_id_seq', 5, false);


--
-- Name: agents agents_email_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.agents
    ADD CONSTRAINT agents_email_key_key UNIQUE (email_key);


--
-- Name: agents agents_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.agents
    ADD CONSTRAINT agents_pkey PRIMARY KEY (id);


--
-- Name: api_keys api_keys_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_pkey PRIMARY KEY (key);


--
-- Name: asset_contacts asset_contacts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.asset_contacts
    ADD CONSTRAINT asset_contacts_pkey PRIMARY KEY (asset_id, contact_id);


--
-- Name: asset_field_values asset_field_values_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.asset_field_values
    ADD CONSTRAINT asset_field_values_pkey PRIMARY KEY (asset_id, field_id);


--
-- Name: asset_fields asset_fields_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.asset_fields
    ADD CONSTRAINT asset_fields_pkey PRIMARY KEY (id);


--
-- Name: asset_fields asset_fields_type_field_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.asset_fields
    ADD CONSTRAINT asset_fields_type_field_key UNIQUE (asset_type_id, name);


--
-- Name: asset_types asset_types_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.asset_types
    ADD CONSTRAINT asset_types_pkey PRIMARY KEY (id);


--
-- Name: asset_types asset_types_platform_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.asset_types
    ADD CONSTRAINT asset_types_platform_key UNIQUE (platform);


--
-- Name: assets assets_display_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assets
    ADD CONSTRAINT assets_display_id_key UNIQUE (display_id);


--
-- Name: assets assets_kandji_device_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assets
    ADD CONSTRAINT assets_kandji_device_id_key UNIQUE (kandji_device_id);


--
-- Name: assets assets_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assets
    ADD CONSTRAINT assets_pkey PRIMARY KEY (id);


--
-- Name: contacts contacts_email_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contacts
    ADD CONSTRAINT contacts_email_key_key UNIQUE (email_key);


--
-- Name: contacts contacts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contacts
    ADD CONSTRAINT contacts_pkey PRIMARY KEY (id);


--
-- Name: schema_migrations schema_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);


--
-- Name: sessions sessions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sessions
    ADD CONSTRAINT sessions_pkey PRIMARY KEY (token_hash);


--
-- Name: settings settings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.settings
    ADD CONSTRAINT settings_pkey PRIMARY KEY (key);


--
-- Name: sync_report_rows sync_report_rows_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sync_report_rows
    ADD CONSTRAINT sync_report_rows_pkey PRIMARY KEY (run_id, "position");


--
-- Name: sync_runs sync_runs_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sync_runs
    ADD CONSTRAINT sync_runs_pkey PRIMARY KEY (id);


--
-- Name: ticket_assets ticket_assets_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket_assets
    ADD CONSTRAINT ticket_assets_pkey PRIMARY KEY (ticket_id, asset_id);


--
-- Name: tickets tickets_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tickets
    ADD CONSTRAINT tickets_pkey PRIMARY KEY (id);


--
-- Name: asset_contacts_by_contact; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX asset_contacts_by_contact ON public.asset_contacts USING btree (contact_id);


--
-- Name: asset_types_name_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX asset_types_name_key ON public.asset_types USING btree (lower(name));


--
-- Name: assets_by_serial; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX assets_by_serial ON public.assets USING btree (serial_number);


--
-- Name: assets_by_type_name; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX assets_by_type_name ON public.assets USING btree (asset_type_id, name);


--
-- Name: assets_by_type_sort_name; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX assets_by_type_sort_name ON public.assets USING btree (asset_type_id, lower(name) COLLATE "C", id);


--
-- Name: assets_details_pending; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX assets_details_pending ON public.assets USING btree (id) WHERE details_pending;


--
-- Name: sync_runs_by_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sync_runs_by_status ON public.sync_runs USING btree (status);


--
-- Name: ticket_assets_by_asset; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ticket_assets_by_asset ON public.ticket_assets USING btree (asset_id);


--
-- Name: tickets_by_contact; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX tickets_by_contact ON public.tickets USING btree (contact_id);


--
-- Name: api_keys api_keys_agent_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES public.agents(id) ON DELETE CASCADE;


--
-- Name: asset_contacts asset_contacts_asset_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.asset_contacts
    ADD CONSTRAINT asset_contacts_asset_id_fkey FOREIGN KEY (asset_id) REFERENCES public.assets(id) ON DELETE CASCADE;


--
-- Name: asset_contacts asset_contacts_contact_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.asset_contacts
    ADD CONSTRAINT asset_contacts_contact_id_fkey FOREIGN KEY (contact_id) REFERENCES public.contacts(id) ON DELETE CASCADE;


--
-- Name: asset_field_values asset_field_values_asset_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.asset_field_values
    ADD CONSTRAINT asset_field_values_asset_id_fkey FOREIGN KEY (asset_id) REFERENCES public.assets(id) ON DELETE CASCADE;


--
-- Name: asset_field_values asset_field_values_field_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.asset_field_values
    ADD CONSTRAINT asset_field_values_field_id_fkey FOREIGN KEY (field_id) REFERENCES public.asset_fields(id) ON DELETE CASCADE;


--
-- Name: asset_fields asset_fields_asset_type_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.asset_fields
    ADD CONSTRAINT asset_fields_asset_type_id_fkey FOREIGN KEY (asset_type_id) REFERENCES public.asset_types(id) ON DELETE CASCADE;


--
-- Name: assets assets_asset_type_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assets
    ADD CONSTRAINT assets_asset_type_id_fkey FOREIGN KEY (asset_type_id) REFERENCES public.asset_types(id);


--
-- Name: sessions sessions_agent_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sessions
    ADD CONSTRAINT sessions_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES public.agents(id) ON DELETE CASCADE;


--
-- Name: sync_report_rows sync_report_rows_run_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sync_report_rows
    ADD CONSTRAINT sync_report_rows_run_id_fkey FOREIGN KEY (run_id) REFERENCES public.sync_runs(id) ON DELETE CASCADE;


--
-- Name: ticket_assets ticket_assets_asset_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket_assets
    ADD CONSTRAINT ticket_assets_asset_id_fkey FOREIGN KEY (asset_id) REFERENCES public.assets(id) ON DELETE CASCADE;


--
-- Name: ticket_assets ticket_assets_ticket_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket_assets
    ADD CONSTRAINT ticket_assets_ticket_id_fkey FOREIGN KEY (ticket_id) REFERENCES public.tickets(id) ON DELETE CASCADE;


--
-- Name: tickets tickets_contact_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tickets
    ADD CONSTRAINT tickets_contact_id_fkey FOREIGN KEY (contact_id) REFERENCES public.contacts(id) ON DELETE SET NULL;


--
-- PostgreSQL database dump complete
--

\unrestrict yk2GBIUX0ZwvD5DvgrSEtVACTZ6ldjMHgICTU09CaoKw1PlAsNrtkXp2698z5ho

