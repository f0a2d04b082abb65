import type { Dataset, DatasetInput } from '@vigil/core';
export declare const SECRET = 'test-case-secret-0123456789';
/** Values that public outputs must never contain. */
export declare const PUBLIC_SECRETS: {
  readonly lawyerName: 'Bruno Testwell';
  readonly activistName: 'Carmen Hiddenova';
  readonly phone: '+1 555 0100 777';
  readonly email: 'b.testwell@mail.example';
  readonly serial: 'F2LXEXAMPLE1';
  readonly deviceLabel: "Ana's work iPhone";
  readonly deviceModel: 'iPhone 12 Pro Max';
  readonly city: 'Examplecity-sur-Glace';
  readonly amberIoc: 'secret-amber.example';
  readonly notes: 'Analyst note: met at the safe house on Rue Secrète';
  readonly artifact: '/private/var/mobile/Containers/AnaPrivate';
  readonly custodyNote: 'Handed over by courier Zed Quietman';
  readonly consentBasis: 'Signed form kept in cabinet 7B';
  readonly roleDescription: 'Defence counsel for the Examplecity Ledger';
  readonly lureSms: 'Your parcel 4411 awaits';
};
export declare function caseInput(): DatasetInput;
export declare function makeCase(mutate?: (input: DatasetInput) => void): Dataset;
//# sourceMappingURL=case-fixture.d.ts.map
