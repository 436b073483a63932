package org.permitwatch.inspection.checklist;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The answers of both printable-form operations (a version's form and the form in force), written once: the form as a
 * PDF or XLSX attachment, and what their errors mean. The error bodies are problem+json (platform-support's OpenAPI
 * customizer puts the Problem schema on every error answer).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ApiResponses({
    @ApiResponse(
            responseCode = "200",
            description = "the form as an attachment",
            content = {
                @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")),
                @Content(
                        mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        schema = @Schema(type = "string", format = "binary"))
            }),
    @ApiResponse(responseCode = "400", description = "bad format or keyIndustry (problem+json naming the field)"),
    @ApiResponse(responseCode = "404", description = "unknown or invisible version, task outside the caller's scope"),
    @ApiResponse(
            responseCode = "409",
            description = "draft version, another city's additions, unit not in the directory")
})
@interface FormResponses {}
