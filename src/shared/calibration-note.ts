/** What the predictions panel says about person calibration: whether it is on, and one plain sentence why. */
export interface CalibrationNote {
  calibrated: boolean;
  sentence: string;
}
