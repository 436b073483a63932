-- Liaison directory (附件4): what each contact is for, and the reference list of cities the directory and the
-- deadlines are organised by.

-- ENFORCEMENT: the city's liaison in the enforcement body; PERMIT_ISSUING: in the permit-issuing body;
-- PROVINCE: a contact of the provincial bureau. 所在单位及职务 is organisation + position.
ALTER TABLE liaison_contact
    ADD COLUMN role       text NOT NULL DEFAULT 'ENFORCEMENT'
        CHECK (role IN ('ENFORCEMENT', 'PERMIT_ISSUING', 'PROVINCE')),
    ADD COLUMN position   text,
    ADD COLUMN remarks    text,
    ADD COLUMN sort_order int NOT NULL DEFAULT 0;
ALTER TABLE liaison_contact ALTER COLUMN role DROP DEFAULT;

-- The notice asks each city for exactly one liaison per body; a replacement is entered after deactivating the old one.
CREATE UNIQUE INDEX liaison_contact_one_per_city_role ON liaison_contact (division_code, role)
    WHERE active AND role IN ('ENFORCEMENT', 'PERMIT_ISSUING');

-- Cities (地级市) that report to the province: they order the export and are the rows of every deadline status.
-- Reference data, not configuration: another province replaces these rows with a migration of its own.
CREATE TABLE reporting_city (
    division_code varchar(6) PRIMARY KEY,
    name          text NOT NULL,
    sort_order    int NOT NULL
);

INSERT INTO reporting_city (division_code, name, sort_order) VALUES
    ('140100', '太原市', 1), ('140200', '大同市', 2), ('140300', '阳泉市', 3), ('140400', '长治市', 4),
    ('140500', '晋城市', 5), ('140600', '朔州市', 6), ('140700', '晋中市', 7), ('140800', '运城市', 8),
    ('140900', '忻州市', 9), ('141000', '临汾市', 10), ('141100', '吕梁市', 11);
