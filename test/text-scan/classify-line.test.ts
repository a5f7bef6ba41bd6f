import { describe, expect, it } from 'vitest';
import { classifyLine } from '../../actions/lib/text-scan/classify-line.js';
import { headerTerms, matchesHeader } from '../../actions/lib/text-scan/header-terms.js';
import { isIdentifying } from '../../actions/lib/text-scan/text-categories.js';

const identifying = (text: string, confidence = 0.9, terms: string[] = []) =>
  classifyLine(text, confidence, terms).some(isIdentifying);

describe('classifyLine', () => {
  it.each([
    ['SMITH^JOHN', 'name'],
    ['SMITH"JOHN', 'name'],
    ['Name: Olivia Brennan', 'name'],
    ['Okafor, Kwame', 'name'],
    ['Dr. Holloway', 'name'],
    ['ID: 38217765', 'id'],
    ['MRN 00123456', 'id'],
    ['Acc# A123456', 'id'],
    ['DOB 03/12/1961', 'date'],
    ['14-0ct-1988', 'date'],
    ['2019-03-12 14:22', 'date'],
    ['1983-04', 'date'],
    ["Lakeside Children's Hospital", 'institution'],
    ['Klinikum Westend', 'institution'],
  ])('%s is identifying (%s)', (text, category) => {
    expect(classifyLine(text, 0.9, [])).toContain(category);
  });

  it.each([
    ['12 cm', 'depth'],
    ['TIs 0.4  MI 1.2', 'ultrasound-index'],
    ['3.5MHz', 'frequency'],
    ['30 fps', 'frame-rate'],
    ['G 55  DR 60', 'gain'],
    ['ECG HR 72 bpm', 'ecg'],
    ['Frame 12/48', 'frame-counter'],
    ['W 400 L 40', 'window'],
    ['14:22:05', 'time'],
    ['L12-5 Thyroid', 'machine-label'],
    // An echo machine's processing line, as Tesseract reads it off NEMA's US-PAL-8-10x-echo.
    ['PROC 2~@~7E~-B~-B', 'machine-label'],
  ])('%s is a machine annotation (%s)', (text, category) => {
    const categories = classifyLine(text, 0.9, []);
    expect(categories).toContain(category);
    expect(categories.some(isIdentifying)).toBe(false);
  });

  it('needs a confident reading before loose shapes (long numbers, word pairs) count', () => {
    expect(identifying('W 207126', 0.9)).toBe(true);
    expect(identifying('W 207126', 0.14)).toBe(false);
    expect(identifying('Tis 077 INE OTT', 0.46)).toBe(false);
    expect(identifying('W2811L148', 0.38)).toBe(false);
  });

  it('finds the file’s own header values, exactly or within one slip per five characters', () => {
    const terms = headerTerms({
      PatientName: 'VANDERBERG^ASTRID',
      PatientID: 'XR4471',
      PatientBirthDate: '19610312',
      InstitutionName: 'Riverside General Hospital',
    });
    expect(matchesHeader('xr4471', terms)).toBe(true);
    expect(matchesHeader('VANDERBERQ', terms)).toBe(true);
    expect(matchesHeader('12.03.1961', terms)).toBe(true);
    expect(matchesHeader('RIVERSIDE', terms)).toBe(true);
    expect(matchesHeader('12 cm 3.5MHz', terms)).toBe(false);
    expect(classifyLine('XR4471', 0.9, terms)).toEqual(['header-match']);
    expect(classifyLine('XR4471', 0.9, [])).not.toContain('header-match');
  });

  it('reads old ACR-NEMA header dates (YYYY.MM.DD) in every printed form', () => {
    const terms = headerTerms({ StudyDate: '1994.01.30' });
    expect(matchesHeader('30 JAN 94', terms)).toBe(true);
    expect(matchesHeader('01/30/1994', terms)).toBe(true);
    expect(matchesHeader('12 MAR 95', terms)).toBe(false);
  });

  it('drops noise: fewer than two letters or digits', () => {
    expect(classifyLine('~', 0.9, [])).toEqual([]);
    expect(classifyLine('a.', 0.9, [])).toEqual([]);
  });
});
