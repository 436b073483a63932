-- Whether a point's analysers measure wet flue gas (in-situ / hot-wet): the receiver marks its frames
-- (pw_measuredwet) and the alert stream converts the values to dry basis with the moisture a01014 before the
-- reference-oxygen correction (ADR 0039). Default false: values are dry as measured (cold-dry extractive CEMS).
ALTER TABLE monitoring_point ADD COLUMN measured_wet boolean NOT NULL DEFAULT false;
