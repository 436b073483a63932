function I(e){return Date.parse(e)+288e5}const t={useUTC:!0};export{t as B,I as b};
