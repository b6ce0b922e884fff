package org.cohorte.security;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Hostile workbooks made from a real template: XML entity tricks in a sheet, and markup in every cell. */
final class HostileWorkbooks {

    private HostileWorkbooks() {
    }

    /** The first sheet declares an external entity and uses it in a cell (XXE). */
    static byte[] withDoctype(byte[] xlsx, String systemId) {
        return rewriteSheet(xlsx, xml -> insertDoctype(xml, "<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"" + systemId + "\">]>")
                .replaceFirst("<sheetData>|<sheetData/>", "<sheetData><row r=\"50\"><c r=\"A50\" t=\"inlineStr\"><is><t>&xxe;</t></is></c></row>"
                        + (xml.contains("<sheetData/>") ? "</sheetData>" : "")));
    }

    /** The first sheet expands an entity a billion times over (the "billion laughs"). */
    static byte[] billionLaughs(byte[] xlsx) {
        StringBuilder doctype = new StringBuilder("<!DOCTYPE worksheet [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            doctype.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        doctype.append("]>");
        return rewriteSheet(xlsx, xml -> insertDoctype(xml, doctype.toString())
                .replaceFirst("<sheetData>|<sheetData/>", "<sheetData><row r=\"50\"><c r=\"A50\" t=\"inlineStr\"><is><t>&lol9;</t></is></c></row>"
                        + (xml.contains("<sheetData/>") ? "</sheetData>" : "")));
    }

    /** A definition row with markup, formulas and control characters in every text cell, and an unknown owner. */
    static byte[] hostileCells(byte[] xlsx) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.getSheetAt(0);
            Row row = sheet.createRow(sheet.getLastRowNum() + 1);
            row.createCell(0).setCellValue("<script>alert(1)</script>Objectif");
            row.createCell(1).setCellValue("<img src=x onerror=alert(1)>Indicateur\u0000");
            row.createCell(2).setCellValue("=HYPERLINK(\"javascript:alert(1)\")");
            row.createCell(3).setCellFormula("1/0");
            row.createCell(4).setCellValue("\u202Egpj.exe");
            row.createCell(5).setCellValue("x".repeat(30_000));
            row.createCell(6).setCellValue("2027-01-01");
            row.createCell(7).setCellValue("<b>HIGHER</b>");
            row.createCell(8).setCellValue("QUARTERLY");
            row.createCell(9).setCellValue("<script>");
            row.createCell(10).setCellValue("'; drop table indicator; --");
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String insertDoctype(String xml, String doctype) {
        int afterDeclaration = xml.startsWith("<?xml") ? xml.indexOf("?>") + 2 : 0;
        return xml.substring(0, afterDeclaration) + doctype + xml.substring(afterDeclaration);
    }

    private static byte[] rewriteSheet(byte[] xlsx, UnaryOperator<String> change) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(xlsx));
             ByteArrayOutputStream bytes = new ByteArrayOutputStream();
             ZipOutputStream out = new ZipOutputStream(bytes)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                byte[] content = in.readAllBytes();
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    content = change.apply(new String(content, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(content);
                out.closeEntry();
            }
            out.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
