import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfig } from './app-config.service';
import { validateEnv } from './env.schema';

/**
 * The environment is read and validated when the application is created (the `load` factory runs then), not when
 * this file is imported, and ConfigService never falls back to raw process.env: every value it returns is typed.
 */
@Global()
@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true,
      skipProcessEnv: true,
      cache: true,
      load: [() => ({ ...validateEnv(process.env) })],
    }),
  ],
  providers: [AppConfig],
  exports: [AppConfig],
})
export class AppConfigModule {}
