import{u as a,a as s,b as l,c as i,d as t,h as n,j as $,e,f}from"./echarts-ICM2wCwk.js";a([s,l,i,t,n,$,e,f]);
