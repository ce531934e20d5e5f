// ts-jest needs a CommonJS factory; @nestjs/swagger/plugin is ESM-only and exports none.
// With it, the OpenAPI document built under jest equals the one `nest build` serves.
module.exports = {
  name: 'nestjs-swagger-transformer',
  version: 1,
  factory: (cs) =>
    require('@nestjs/swagger/plugin').before({ classValidatorShim: true, introspectComments: true }, cs.program),
};
