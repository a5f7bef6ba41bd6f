/**
 * A small data dictionary: the keywords a synthetic or test DICOM is likely to need, with their tag and
 * VR, so callers of `writeDicom` can write `{ keyword: 'PatientName', value: 'Doe^Jane' }`.
 * Anything else can still be written by tag with an explicit VR.
 */

/** Value representations the writer knows how to encode. */
export type Vr =
  | 'AE'
  | 'AS'
  | 'AT'
  | 'CS'
  | 'DA'
  | 'DS'
  | 'DT'
  | 'FD'
  | 'FL'
  | 'IS'
  | 'LO'
  | 'LT'
  | 'OB'
  | 'OD'
  | 'OF'
  | 'OL'
  | 'OW'
  | 'PN'
  | 'SH'
  | 'SL'
  | 'SQ'
  | 'SS'
  | 'ST'
  | 'TM'
  | 'UC'
  | 'UI'
  | 'UL'
  | 'UN'
  | 'UR'
  | 'US'
  | 'UT';

/** Keyword → [tag as 0xGGGGEEEE, VR]. */
export const DICOM_KEYWORDS = {
  SpecificCharacterSet: [0x00080005, 'CS'],
  ImageType: [0x00080008, 'CS'],
  SOPClassUID: [0x00080016, 'UI'],
  SOPInstanceUID: [0x00080018, 'UI'],
  StudyDate: [0x00080020, 'DA'],
  SeriesDate: [0x00080021, 'DA'],
  ContentDate: [0x00080023, 'DA'],
  StudyTime: [0x00080030, 'TM'],
  AccessionNumber: [0x00080050, 'SH'],
  Modality: [0x00080060, 'CS'],
  Manufacturer: [0x00080070, 'LO'],
  InstitutionName: [0x00080080, 'LO'],
  InstitutionAddress: [0x00080081, 'ST'],
  ReferringPhysicianName: [0x00080090, 'PN'],
  StudyDescription: [0x00081030, 'LO'],
  SeriesDescription: [0x0008103e, 'LO'],
  PatientName: [0x00100010, 'PN'],
  PatientID: [0x00100020, 'LO'],
  PatientBirthDate: [0x00100030, 'DA'],
  PatientSex: [0x00100040, 'CS'],
  PatientAge: [0x00101010, 'AS'],
  SliceThickness: [0x00180050, 'DS'],
  KVP: [0x00180060, 'DS'],
  StudyInstanceUID: [0x0020000d, 'UI'],
  SeriesInstanceUID: [0x0020000e, 'UI'],
  StudyID: [0x00200010, 'SH'],
  SeriesNumber: [0x00200011, 'IS'],
  InstanceNumber: [0x00200013, 'IS'],
  SamplesPerPixel: [0x00280002, 'US'],
  PhotometricInterpretation: [0x00280004, 'CS'],
  PlanarConfiguration: [0x00280006, 'US'],
  NumberOfFrames: [0x00280008, 'IS'],
  Rows: [0x00280010, 'US'],
  Columns: [0x00280011, 'US'],
  PixelSpacing: [0x00280030, 'DS'],
  BitsAllocated: [0x00280100, 'US'],
  BitsStored: [0x00280101, 'US'],
  HighBit: [0x00280102, 'US'],
  PixelRepresentation: [0x00280103, 'US'],
  BurnedInAnnotation: [0x00280301, 'CS'],
  WindowCenter: [0x00281050, 'DS'],
  WindowWidth: [0x00281051, 'DS'],
  RescaleIntercept: [0x00281052, 'DS'],
  RescaleSlope: [0x00281053, 'DS'],
  RescaleType: [0x00281054, 'LO'],
  WindowCenterWidthExplanation: [0x00281055, 'LO'],
  VOILUTFunction: [0x00281056, 'CS'],
  RedPaletteColorLookupTableDescriptor: [0x00281101, 'US'],
  GreenPaletteColorLookupTableDescriptor: [0x00281102, 'US'],
  BluePaletteColorLookupTableDescriptor: [0x00281103, 'US'],
  RedPaletteColorLookupTableData: [0x00281201, 'OW'],
  GreenPaletteColorLookupTableData: [0x00281202, 'OW'],
  BluePaletteColorLookupTableData: [0x00281203, 'OW'],
  ModalityLUTSequence: [0x00283000, 'SQ'],
  LUTDescriptor: [0x00283002, 'US'],
  LUTExplanation: [0x00283003, 'LO'],
  ModalityLUTType: [0x00283004, 'LO'],
  LUTData: [0x00283006, 'US'],
  VOILUTSequence: [0x00283010, 'SQ'],
  PixelData: [0x7fe00010, 'OW'],
} as const satisfies Record<string, readonly [number, Vr]>;

/** A keyword of the small dictionary above. */
export type DicomKeyword = keyof typeof DICOM_KEYWORDS;
